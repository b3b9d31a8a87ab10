/** The settings page: theme (follow the OS, light, dark) and the servers the console remembers. */
package dev.drover.app.settings;
