/**
 * SSH for the provisioner, on JSch: a {@link dev.drover.engine.provision.rke.ssh.SshConnector} that verifies host
 * keys against Drover's own known_hosts file (recorded on first use, a changed key refused with the fix in the
 * message) and {@link dev.drover.engine.provision.rke.ssh.SshSession}s that run commands with stdin and timeouts.
 */
package dev.drover.engine.provision.rke.ssh;
