/** The management model: plain records that the store holds as JSON. No logic beyond validation. */
package dev.drover.engine.model;
