/**
 * The {@code drover} launcher (issue #8): the picocli command tree, exit codes and the one place failures
 * become a sentence on standard error. Subcommands live in one package per noun (console, server, agent,
 * kubeconfig, rke) and call the existing entry points of app, embedded-server, agents and the engine.
 */
package dev.drover.cli;
