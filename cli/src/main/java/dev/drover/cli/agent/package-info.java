/** {@code drover agent cluster|node}: hands over to the agents' own mains, configured by the environment. */
package dev.drover.cli.agent;
