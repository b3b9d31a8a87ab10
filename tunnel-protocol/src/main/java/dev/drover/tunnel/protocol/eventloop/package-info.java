/**
 * How Drover's network event loops wait for work: they poll briefly before they sleep, with a window that
 * adapts to the traffic (as KVM's halt polling does for idle vCPUs), so a request whose answer comes back
 * within tens of microseconds does not pay a thread wake-up, and an idle loop does not spin. Here because
 * the server and the agents both run it.
 */
package dev.drover.tunnel.protocol.eventloop;
