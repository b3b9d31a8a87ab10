package dev.drover.engine.authproxy;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The status line and headers of an HTTP/1.1 response read off a raw connection (the answer to an
 * upgrade request), and whatever bytes followed them in the same read.
 *
 * @param status  status code
 * @param headers response headers
 * @param rest    bytes after the blank line: the start of the upgraded protocol
 */
record ResponseHead(int status, MultiMap headers, Buffer rest) {

    /** Heads longer than this are refused (kube-apiserver's are a few hundred bytes). */
    static final int MAX_BYTES = 64 * 1024;

    /** The head if {@code received} holds all of it, else {@code null}; fails on garbage or an oversized head. */
    static ResponseHead parse(Buffer received) {
        String text = received.getString(0, Math.min(received.length(), MAX_BYTES), StandardCharsets.ISO_8859_1.name());
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            if (received.length() >= MAX_BYTES) {
                throw new IllegalStateException("the API server's response head is over " + MAX_BYTES + " bytes");
            }
            return null;
        }
        String[] lines = text.substring(0, end).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IllegalStateException("the API server did not answer with HTTP/1.1");
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip());
            }
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the API server sent a bad status line", e);
        }
        return new ResponseHead(status, headers, received.getBuffer(end + 4, received.length()));
    }

    /** The request head for {@code uri}, as written on the raw connection. */
    static Buffer requestHead(String method, String uri, String hostHeader, MultiMap headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(uri).append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
        headers.forEach(header -> head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n"));
        return Buffer.buffer(head.append("\r\n").toString(), StandardCharsets.ISO_8859_1.name());
    }
}
