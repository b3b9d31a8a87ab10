package dev.drover.tunnel.protocol;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Many TCP-like streams multiplexed over one {@link FrameTransport}; both the server and the agents
 * use it. Everything a session does happens on the one event-loop thread it was created on, so its
 * state needs no locks; public methods may be called from any thread and hop onto that loop.
 *
 * <p>Flow control is per stream and credit based (see {@link TunnelStream}): a receiver never holds
 * more than its window of unread bytes for a stream, so the session always reads the transport
 * promptly and one stalled reader cannot block the others. Outgoing DATA waits while the transport is
 * full; the waiting streams then take turns one frame each (round robin), so a bulk stream cannot
 * starve a small request. A PING goes out every {@code pingInterval}; silence for
 * {@code idleTimeout} closes the session. Every {@code syncInterval} the live stream ids go to the
 * peer, which drops the streams it holds that this side has forgotten.
 */
public final class Session {

    /** Which side this is: the server opens even stream ids, agents odd ones. */
    public enum Role { SERVER, AGENT }

    static final int WRITE_CHUNK = Frame.MAX_DATA;

    private final Context context;
    private final Thread loop;
    private final FrameTransport transport;
    private final SessionOptions options;
    private final StreamAcceptor acceptor;
    private final Role role;
    private final Map<Integer, TunnelStream> streams = new HashMap<>();
    private final ArrayDeque<TunnelStream> waitingToWrite = new ArrayDeque<>();
    private final StreamSync sync = new StreamSync(this);
    private final SendBudget budget = new SendBudget();
    private final Promise<TunnelException> closed = Promise.promise();
    private final long pingTimer;
    private final long syncTimer;
    private int nextId;
    private int peerWatermark;
    private long lastReceived = System.nanoTime();
    private boolean drainScheduled;
    private volatile int liveStreams;
    private volatile TunnelException closeCause;
    private volatile long lastRoundTripNanos = -1;

    /**
     * Starts a session on the current event-loop thread (e.g. in a WebSocket's connect handler).
     *
     * @param acceptor what to do with streams the peer opens
     */
    public Session(FrameTransport transport, Role role, SessionOptions options, StreamAcceptor acceptor) {
        Context current = Vertx.currentContext();
        if (current == null || !Context.isOnEventLoopThread()) {
            throw new IllegalStateException("a Session must be created on a Vert.x event-loop thread");
        }
        this.context = current;
        this.loop = Thread.currentThread();
        this.transport = transport;
        this.role = role;
        this.options = options;
        this.acceptor = acceptor;
        this.nextId = role == Role.SERVER ? 2 : 1;
        transport.drainHandler(this::writeWaiting);
        Vertx vertx = current.owner();
        pingTimer = vertx.setPeriodic(options.pingInterval().toMillis(), id -> keepalive());
        syncTimer = vertx.setPeriodic(options.syncInterval().toMillis(), id -> sync.send(streams.keySet(), peerWatermark));
    }

    /** Opens a stream to {@code target} (host:port) through the peer; fails if the peer refuses or is gone. */
    public Future<TunnelStream> open(String target) {
        Promise<TunnelStream> opened = Promise.promise();
        if (!isValidTarget(target)) {
            // The peer would take such a CONNECT as a protocol error and drop the whole tunnel.
            return Future.failedFuture(new TunnelException("invalid target \"" + target + "\": expected host:port,"
                    + " at most " + Frame.MAX_TARGET_LENGTH + " bytes, no blanks"));
        }
        onLoop(() -> {
            if (closeCause != null) {
                opened.fail(new TunnelException("tunnel closed: " + closeCause.getMessage()));
            } else if (streams.size() >= options.maxStreams()) {
                opened.fail(new TunnelException("too many open streams (" + options.maxStreams() + ") on this tunnel"));
            } else if (nextId <= 0) {
                opened.fail(new TunnelException("stream ids exhausted on this tunnel; reconnect the agent"));
            } else {
                TunnelStream stream = newStream(nextId, true, target);
                nextId += 2;
                register(stream);
                stream.connect(opened, context.owner().setTimer(options.connectTimeout().toMillis(),
                        t -> stream.connectTimedOut()));
                send(new Frame.Connect(stream.id(), options.streamWindow(), target));
            }
        });
        return opened.future();
    }

    private static boolean isValidTarget(String target) {
        return target != null && !target.isEmpty()
                && target.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= Frame.MAX_TARGET_LENGTH
                && target.chars().noneMatch(c -> c <= ' ' || c == 0x7f);
    }

    /** Feeds one frame from the transport. Called on the session's loop. Never throws. */
    public void receive(Buffer wire) {
        if (closeCause != null) {
            return;
        }
        lastReceived = System.nanoTime();
        try {
            dispatch(Frame.decode(wire));
        } catch (ProtocolException e) {
            fail(e, 1002);
        } catch (RuntimeException e) {
            fail(new TunnelException("internal error while handling a frame: " + e, e), 1011);
        }
    }

    /**
     * Feeds one DATA frame's payload that the transport took off the wire without copying it (see
     * {@link InboundFrames}); the session owns {@code payload} from here and releases it once the stream's
     * reader is done with it, or at once if the frame is refused. Called on the session's loop. Never throws.
     */
    void receiveData(int streamId, ByteBuf payload) {
        if (closeCause != null) {
            payload.release();
            return;
        }
        lastReceived = System.nanoTime();
        boolean handedOver = false;
        try {
            if (streamId <= 0) {
                throw new ProtocolException("DATA needs a stream id above 0, got " + Integer.toUnsignedString(streamId));
            }
            TunnelStream stream = stream(streamId, false);
            if (stream != null) {
                handedOver = true;
                stream.onOwnedData(payload);
            }
        } catch (ProtocolException e) {
            fail(e, 1002);
        } catch (RuntimeException e) {
            fail(new TunnelException("internal error while handling a frame: " + e, e), 1011);
        } finally {
            if (!handedOver) {
                payload.release();
            }
        }
    }

    /** The transport is gone (peer closed, network error); every stream fails with {@code reason}. */
    public void transportClosed(String reason) {
        onLoop(() -> closeNow(new TunnelException(reason)));
    }

    /** Closes the session and its transport; every open stream fails. Idempotent, any thread. */
    public void close(String reason) {
        onLoop(() -> {
            if (closeCause == null) {
                closeNow(new TunnelException(reason));
                transport.close(1000, reason);
            }
        });
    }

    /** Completes with the reason once the session is closed. */
    public Future<TunnelException> closeFuture() {
        return closed.future();
    }

    public boolean isOpen() {
        return closeCause == null;
    }

    /** Streams in the table now (open, opening or still draining); any thread. */
    public int liveStreams() {
        return liveStreams;
    }

    /** Round trip of the last answered PING, or {@code null} before the first. */
    public Duration lastRoundTrip() {
        long nanos = lastRoundTripNanos;
        return nanos < 0 ? null : Duration.ofNanos(nanos);
    }

    /** Sends the live stream ids now instead of waiting for the timer (tests, diagnostics). */
    public void syncNow() {
        onLoop(() -> sync.send(streams.keySet(), peerWatermark));
    }

    private void dispatch(Frame frame) {
        switch (frame) {
            case Frame.Connect c -> accept(c);
            case Frame.ConnectOk ok -> {
                TunnelStream s = stream(ok.streamId(), true);
                if (s != null) {
                    s.onConnectOk(ok.window());
                }
            }
            case Frame.Data d -> {
                TunnelStream s = stream(d.streamId(), false);
                if (s != null) {
                    s.onData(d.data());
                }
            }
            case Frame.WindowUpdate w -> {
                TunnelStream s = stream(w.streamId(), false);
                if (s != null) {
                    s.onWindowUpdate(w.increment());
                }
            }
            case Frame.Fin f -> {
                TunnelStream s = stream(f.streamId(), false);
                if (s != null) {
                    s.onFin();
                }
            }
            case Frame.Reset r -> {
                TunnelStream s = streams.get(r.streamId());
                if (s != null) {
                    s.onReset(r.message());
                }
            }
            case Frame.Ping p -> send(new Frame.Pong(p.payload()));
            case Frame.Pong p -> lastRoundTripNanos = System.nanoTime() - p.payload();
            case Frame.Sync s -> sync.receive(s, streams.values(), options.maxStreams());
        }
    }

    private void accept(Frame.Connect connect) {
        int id = connect.streamId();
        if (isLocal(id)) {
            throw new ProtocolException("peer opened stream " + id + ", an id of this side's parity");
        }
        if (id <= peerWatermark) {
            throw new ProtocolException("peer reused stream id " + id);
        }
        peerWatermark = id;
        if (streams.size() >= options.maxStreams()) {
            send(new Frame.Reset(id, Frame.Reset.REFUSED, "too many open streams (" + options.maxStreams() + ")"));
            return;
        }
        TunnelStream stream = newStream(id, false, connect.target());
        stream.startSending(connect.window());
        register(stream);
        try {
            acceptor.onStream(new StreamRequest(stream, connect.target()));
        } catch (RuntimeException e) {
            stream.resetNow(Frame.Reset.ERROR, "the acceptor failed: " + e.getMessage(), true);
        }
    }

    /** The stream a frame is for; null for a stream that existed and is gone (late frame, ignored). */
    private TunnelStream stream(int id, boolean mustBeLocal) {
        TunnelStream stream = streams.get(id);
        if (stream != null) {
            if (mustBeLocal && !stream.openedLocally()) {
                throw new ProtocolException("CONNECT_OK for stream " + id + " which the peer opened itself");
            }
            return stream;
        }
        boolean existed = isLocal(id) ? id < nextId || nextId <= 0 : id <= peerWatermark;
        if (!existed) {
            throw new ProtocolException("frame for stream " + id + ", which was never opened");
        }
        return null;
    }

    boolean isLocal(int id) {
        return (id % 2 == 0) == (role == Role.SERVER);
    }

    /** A stream offered its share of the receive budget given the streams open now ({@link SessionOptions#windowFor}). */
    private TunnelStream newStream(int id, boolean openedLocally, String target) {
        return new TunnelStream(id, this, openedLocally, options, options.windowFor(streams.size()), target);
    }

    private void register(TunnelStream stream) {
        streams.put(stream.id(), stream);
        liveStreams = streams.size();
    }

    void unregister(TunnelStream stream) {
        if (streams.remove(stream.id(), stream)) {
            liveStreams = streams.size();
        }
    }

    void send(Frame frame) {
        if (closeCause == null) {
            transport.send(frame.encode());
        }
    }

    void sendData(int streamId, ByteBuf data, int offset, int length, boolean retainable) {
        if (closeCause == null) {
            budget.sent(streamId, System.nanoTime());
            transport.sendData(streamId, data, offset, length, retainable);
        }
    }

    /** Most unacknowledged bytes stream {@code id} may have now (see {@link SendBudget}). */
    long inFlightCap(int id, int peerWindow) {
        return budget.cap(id, peerWindow, System.nanoTime());
    }

    /** Whether a stream with DATA to send must queue behind others or behind a full transport. */
    boolean mustWaitToWrite() {
        return transport.writeQueueFull() || !waitingToWrite.isEmpty();
    }

    /** Payload of the DATA frames this side writes (16 KiB measured no better for latency under load). */
    int maxFramePayload() {
        return WRITE_CHUNK;
    }

    void waitToWrite(TunnelStream stream) {
        if (stream.waiting || closeCause != null) {
            return;
        }
        stream.waiting = true;
        waitingToWrite.add(stream);
        if (!transport.writeQueueFull() && !drainScheduled) {
            drainScheduled = true;
            context.runOnContext(v -> {
                drainScheduled = false;
                writeWaiting();
            });
        }
    }

    /** One frame per waiting stream per turn while the transport takes more. */
    private void writeWaiting() {
        while (!waitingToWrite.isEmpty() && !transport.writeQueueFull() && closeCause == null) {
            TunnelStream stream = waitingToWrite.poll();
            stream.waiting = false;
            if (stream.writeOneFrame()) {
                stream.waiting = true;
                waitingToWrite.add(stream);
            }
        }
    }

    private void keepalive() {
        long silent = System.nanoTime() - lastReceived;
        if (silent > options.idleTimeout().toNanos()) {
            fail(new TunnelException("keepalive timeout: nothing received from the peer for "
                    + TimeUnit.NANOSECONDS.toSeconds(silent) + " s"), 1001);
        } else {
            send(new Frame.Ping(System.nanoTime()));
        }
    }

    void fail(TunnelException cause, int code) {
        if (closeCause == null) {
            closeNow(cause);
            transport.close(code, cause.getMessage());
        }
    }

    private void closeNow(TunnelException cause) {
        if (closeCause != null) {
            return;
        }
        closeCause = cause;
        Vertx vertx = context.owner();
        vertx.cancelTimer(pingTimer);
        vertx.cancelTimer(syncTimer);
        List<TunnelStream> open = new ArrayList<>(streams.values());
        streams.clear();
        waitingToWrite.clear();
        liveStreams = 0;
        TunnelException streamFailure = new TunnelException("tunnel closed: " + cause.getMessage());
        for (TunnelStream stream : open) {
            stream.failNow(streamFailure);
        }
        closed.complete(cause);
    }

    /** Runs {@code action} on the session's loop: now if already there, else queued. */
    void onLoop(Runnable action) {
        if (Thread.currentThread() == loop) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /**
     * The event-loop context the session lives on. A socket served on the same loop (a port forwarder
     * listening from this context) exchanges its bytes with the session's streams without a thread hop.
     */
    public Context context() {
        return context;
    }
}
