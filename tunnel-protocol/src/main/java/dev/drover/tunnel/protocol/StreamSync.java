package dev.drover.tunnel.protocol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The periodic exchange of live stream ids that keeps both ends from holding orphans (streams the
 * other end forgot, e.g. after a lost RESET). Frames are ordered, so when a SYNC arrives every frame
 * the peer sent before it has been handled: a peer-opened stream missing from the list is gone; a
 * stream this side opened is gone only if the peer had seen it open ({@code id <= watermark}).
 */
final class StreamSync {

    private final Session session;
    private Set<Integer> incoming;

    StreamSync(Session session) {
        this.session = session;
    }

    void send(Collection<Integer> live, int peerWatermark) {
        int[] ids = live.stream().mapToInt(Integer::intValue).sorted().toArray();
        int from = 0;
        do {
            int to = Math.min(ids.length, from + Frame.MAX_SYNC_IDS);
            int[] part = java.util.Arrays.copyOfRange(ids, from, to);
            session.send(new Frame.Sync(peerWatermark, to == ids.length, part));
            from = to;
        } while (from < ids.length);
    }

    void receive(Frame.Sync sync, Collection<TunnelStream> local, int maxStreams) {
        if (incoming == null) {
            incoming = new HashSet<>();
        }
        for (int id : sync.ids()) {
            incoming.add(id);
        }
        if (incoming.size() > maxStreams * 2 + Frame.MAX_SYNC_IDS) {
            throw new ProtocolException("SYNC lists more streams than the peer can have open");
        }
        if (!sync.last()) {
            return;
        }
        Set<Integer> peerLive = incoming;
        incoming = null;
        List<TunnelStream> orphans = new ArrayList<>();
        for (TunnelStream stream : local) {
            boolean peerMustKnowIt = !session.isLocal(stream.id()) || stream.id() <= sync.peerWatermark();
            if (peerMustKnowIt && !stream.peerFinished() && !peerLive.contains(stream.id())) {
                orphans.add(stream);
            }
        }
        for (TunnelStream orphan : orphans) {
            orphan.resetNow(Frame.Reset.ERROR, "orphaned stream: the peer no longer knows it", true);
        }
    }
}
