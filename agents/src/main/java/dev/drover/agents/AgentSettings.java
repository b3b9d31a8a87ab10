package dev.drover.agents;

import dev.drover.tunnel.protocol.CaChecksum;
import dev.drover.tunnel.protocol.eventloop.PollingTransport;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an agent is told through its environment, checked before anything is dialled:
 * {@code DROVER_SERVER} (https URL), {@code DROVER_TOKEN} (registration token) and
 * {@code DROVER_CA_CHECKSUM} (hex SHA-256 of the server CA PEM, see {@link CaChecksum}).
 *
 * @param server     the server's base URL
 * @param token      the registration token; never printed
 * @param caChecksum the pinned CA checksum, lower case
 * @param maskFrames whether to mask WebSocket frames ({@code DROVER_MASK_FRAMES=true}): only needed
 *                   behind a TLS-terminating proxy that insists on RFC 6455 masking
 * @param eventLoopPoll how long the agent's network loops poll for I/O before they sleep, at most
 *                   ({@code DROVER_EVENT_LOOP_POLL} in microseconds, default 100, 0 never; see {@link PollingTransport})
 */
public record AgentSettings(URI server, String token, String caChecksum, boolean maskFrames, Duration eventLoopPoll) {

    public static final String SERVER = "DROVER_SERVER";
    public static final String TOKEN = "DROVER_TOKEN";
    public static final String CA_CHECKSUM = "DROVER_CA_CHECKSUM";
    public static final String MASK_FRAMES = "DROVER_MASK_FRAMES";
    public static final String EVENT_LOOP_POLL = "DROVER_EVENT_LOOP_POLL";

    /**
     * Reads the settings; every problem is reported at once, one sentence each, so the user can fix
     * the manifest in one go.
     */
    public static AgentSettings fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        URI server = parseServer(env.get(SERVER), problems);
        String token = env.getOrDefault(TOKEN, "").strip();
        if (token.isEmpty()) {
            problems.add(TOKEN + " is not set: copy the registration token shown by the import command.");
        }
        String checksum = env.getOrDefault(CA_CHECKSUM, "").strip();
        if (!CaChecksum.isWellFormed(checksum)) {
            problems.add(CA_CHECKSUM + " must be the 64-digit hex SHA-256 of the server CA, as shown by 'drover server'.");
        }
        Duration poll = parsePoll(env.get(EVENT_LOOP_POLL), problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join(" ", problems));
        }
        return new AgentSettings(server, token, checksum.toLowerCase(java.util.Locale.ROOT),
                Boolean.parseBoolean(env.getOrDefault(MASK_FRAMES, "false").strip()), poll);
    }

    private static Duration parsePoll(String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            return PollingTransport.DEFAULT_MAX_POLL;
        }
        try {
            int micros = Integer.parseInt(value.strip());
            if (micros >= 0 && micros <= PollingTransport.MAX_POLL_MICROS) {
                return Duration.ofNanos(micros * 1_000L);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(EVENT_LOOP_POLL + " takes microseconds from 0 to " + PollingTransport.MAX_POLL_MICROS + ", got \"" + value.strip() + "\".");
        return null;
    }

    private static URI parseServer(String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(SERVER + " is not set: give the https URL of the Drover server.");
            return null;
        }
        try {
            URI uri = new URI(value.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                problems.add(SERVER + " must be an https:// URL with a host, got \"" + value.strip() + "\".");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(SERVER + " is not a URL: " + e.getReason() + ".");
            return null;
        }
    }

    /** Hides the token so settings can be logged. */
    @Override
    public String toString() {
        return "AgentSettings[server=" + server + ", token=<hidden>, caChecksum=" + caChecksum
                + (maskFrames ? ", maskFrames" : "") + "]";
    }
}
