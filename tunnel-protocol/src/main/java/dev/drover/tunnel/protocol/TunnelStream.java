package dev.drover.tunnel.protocol;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One byte stream through a {@link Session}: a Vert.x {@link ReadStream} and {@link WriteStream} of
 * buffers, so it pipes to and from sockets with back-pressure ({@code stream.pipeTo(socket)}).
 *
 * <p>Credit-based flow control: the peer may send at most {@code streamWindow} bytes that this side
 * has not yet handed to its reader; each consumed {@link #creditBatch credit batch} goes back as a WINDOW_UPDATE. A paused
 * or slow reader therefore holds at most one window in memory and stops only its own sender. Writes
 * beyond the credit the peer granted queue here ({@link #writeQueueFull()} then tells a pipe to pause
 * its source). {@link #end()} half-closes (FIN after queued data); {@link #reset(String)} aborts both
 * directions. Handlers run on the session's event loop.
 */
public final class TunnelStream implements ReadStream<Buffer>, WriteStream<Buffer> {

    /** Most a credit batch ({@link #creditBatch}) can be, so that a big window never lifts {@link SendBudget}'s 64 KiB contended cap. */
    private static final int MAX_CREDIT_BATCH = 64 * 1024;

    private final int id;
    private final Session session;
    private final boolean openedLocally;
    private final String target;
    private final int window;
    private final Inbox inbox = new Inbox();
    private final Outbox outbox = new Outbox();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Promise<Void> closed = Promise.promise();
    private Promise<TunnelStream> opening;
    private boolean open;
    private long sendCredit;
    private int peerWindow;
    private int receiveAllowance;
    private int consumedUnacknowledged;
    private long demand = Long.MAX_VALUE;
    private boolean remoteFin;
    private boolean endDelivered;
    private boolean finRequested;
    private boolean finSent;
    private Promise<Void> finPromise;
    private TunnelException failure;
    private Handler<Buffer> handler;
    private Consumer<ByteBuf> ownedHandler;
    private Handler<Void> endHandler;
    private volatile Handler<Throwable> exceptionHandler;
    private volatile Handler<Void> drainHandler;
    private volatile int writeQueueMaxSize;
    private volatile boolean sawFull;
    private long connectTimer = -1;
    boolean waiting;

    /** @param window what the peer may send unconsumed on this stream (announced in CONNECT or CONNECT_OK) */
    TunnelStream(int id, Session session, boolean openedLocally, SessionOptions options, int window, String target) {
        this.id = id;
        this.session = session;
        this.openedLocally = openedLocally;
        this.target = target;
        this.window = window;
        this.receiveAllowance = window;
        this.writeQueueMaxSize = options.writeQueueMaxSize();
    }

    public int id() {
        return id;
    }

    /** The {@code host:port} this stream was opened to. */
    public String target() {
        return target;
    }

    /** Completes when the stream is gone in both directions; fails if it was reset or the tunnel closed. */
    public Future<Void> closeFuture() {
        return closed.future();
    }

    // ---- ReadStream -------------------------------------------------------------------------------

    @Override
    public TunnelStream handler(Handler<Buffer> handler) {
        session.onLoop(() -> {
            this.handler = handler;
            deliver();
        });
        return this;
    }

    /**
     * Where received payloads that came straight off the WebSocket go, as Netty buffers the reader takes
     * over and releases (a socket writing them out, see {@link StreamPipes}); {@link #handler} still gets
     * the rest. Without one, such payloads reach {@link #handler} as heap copies. Any thread.
     */
    void ownedHandler(Consumer<ByteBuf> ownedHandler) {
        session.onLoop(() -> {
            this.ownedHandler = ownedHandler;
            deliver();
        });
    }

    @Override
    public TunnelStream pause() {
        session.onLoop(() -> demand = 0);
        return this;
    }

    @Override
    public TunnelStream resume() {
        session.onLoop(() -> {
            demand = Long.MAX_VALUE;
            deliver();
        });
        return this;
    }

    @Override
    public TunnelStream fetch(long amount) {
        session.onLoop(() -> {
            demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
            deliver();
        });
        return this;
    }

    @Override
    public TunnelStream endHandler(Handler<Void> endHandler) {
        session.onLoop(() -> {
            this.endHandler = endHandler;
            deliver();
        });
        return this;
    }

    @Override
    public TunnelStream exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    // ---- WriteStream ------------------------------------------------------------------------------

    @Override
    public Future<Void> write(Buffer data) {
        Promise<Void> written = Promise.promise();
        queuedBytes.addAndGet(data.length());
        session.onLoop(() -> enqueue(((BufferInternal) data).getByteBuf(), false, written));
        return written.future();
    }

    /**
     * Takes over {@code data}, a socket's read buffer, and sends its readable bytes without copying them
     * into frames; it is released once sent, or when the stream fails. Back-pressure as for
     * {@link #write}: check {@link #writeQueueFull()} after the call. Any thread.
     */
    void writeOwned(ByteBuf data) {
        queuedBytes.addAndGet(data.readableBytes());
        session.onLoop(() -> enqueue(data, true, null));
    }

    /** Half-closes: FIN follows the queued data; reading goes on until the peer ends too. */
    @Override
    public Future<Void> end() {
        Promise<Void> ended = Promise.promise();
        session.onLoop(() -> {
            if (failure != null) {
                ended.fail(failure);
            } else if (finRequested) {
                ended.complete();
            } else {
                finRequested = true;
                finPromise = ended;
                flush();
            }
        });
        return ended.future();
    }

    @Override
    public TunnelStream setWriteQueueMaxSize(int maxSize) {
        this.writeQueueMaxSize = maxSize;
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        boolean full = queuedBytes.get() >= writeQueueMaxSize;
        if (full) {
            sawFull = true;
        }
        return full;
    }

    @Override
    public TunnelStream drainHandler(Handler<Void> handler) {
        this.drainHandler = handler;
        return this;
    }

    /** Aborts both directions and tells the peer why. Idempotent, any thread. */
    public void reset(String message) {
        session.onLoop(() -> resetNow(Frame.Reset.CANCEL, message, true));
    }

    // ---- session side (event loop only) -----------------------------------------------------------

    Session session() {
        return session;
    }

    /** Bytes received and not yet handed to the reader (tests). */
    int bufferedBytes() {
        return inbox.bufferedBytes();
    }

    boolean openedLocally() {
        return openedLocally;
    }

    /** The peer has sent FIN and has been sent ours: it has dropped the stream, we may still be reading. */
    boolean peerFinished() {
        return remoteFin && finSent;
    }

    void connect(Promise<TunnelStream> opened, long timer) {
        this.opening = opened;
        this.connectTimer = timer;
    }

    void connectTimedOut() {
        if (opening != null && failure == null) {
            resetNow(Frame.Reset.CANCEL, "no answer from the peer to CONNECT " + target + " in time", true);
        }
    }

    void acceptNow() {
        if (failure == null && !open) {
            open = true;
            session.send(new Frame.ConnectOk(id, window));
            flush();
        }
    }

    void onConnectOk(int peerWindow) {
        if (opening == null) {
            throw new ProtocolException("duplicate CONNECT_OK for stream " + id);
        }
        startSending(peerWindow);
        cancelConnectTimer();
        open = true;
        Promise<TunnelStream> p = opening;
        opening = null;
        p.complete(this);
        flush();
    }

    /** The peer's receive window (from its CONNECT or CONNECT_OK): the first credit, and the in-flight limit. */
    void startSending(int window) {
        peerWindow = window;
        grantSendCredit(window);
    }

    void grantSendCredit(int credit) {
        sendCredit += credit;
        if (sendCredit > Frame.MAX_WINDOW) {
            throw new ProtocolException("peer granted stream " + id + " more than " + Frame.MAX_WINDOW + " bytes of credit");
        }
    }

    void onWindowUpdate(int increment) {
        grantSendCredit(increment);
        flush();
    }

    void onData(Buffer data) {
        admit(data.length());
        inbox.add(data);
        deliver();
    }

    /** As {@link #onData}, for a payload this stream now owns: released here if refused. */
    void onOwnedData(ByteBuf data) {
        try {
            admit(data.readableBytes());
        } catch (RuntimeException e) {
            data.release();
            throw e;
        }
        if (failure != null) {
            data.release();
            return;
        }
        inbox.addOwned(data);
        deliver();
    }

    private void admit(int length) {
        if (remoteFin || !open) {
            throw new ProtocolException("DATA on stream " + id + (remoteFin ? " after FIN" : " before it was open"));
        }
        if (length > receiveAllowance) {
            throw new ProtocolException("flow-control violation on stream " + id + ": " + length
                    + " bytes sent with " + receiveAllowance + " allowed");
        }
        receiveAllowance -= length;
    }

    void onFin() {
        if (remoteFin || !open) {
            throw new ProtocolException("unexpected FIN on stream " + id);
        }
        remoteFin = true;
        deliver();
    }

    void onReset(String message) {
        String why = message.isEmpty() ? "reset by the peer" : message;
        failNow(new TunnelException(opening != null ? "cannot open " + target + ": " + why : why));
        session.unregister(this);
    }

    void resetNow(int code, String message, boolean tellPeer) {
        if (failure != null) {
            return;
        }
        if (tellPeer) {
            session.send(new Frame.Reset(id, code, message));
        }
        failNow(new TunnelException(message));
        session.unregister(this);
    }

    void failNow(TunnelException cause) {
        if (failure != null) {
            return;
        }
        failure = cause;
        cancelConnectTimer();
        inbox.clear();
        outbox.fail(cause);
        queuedBytes.set(0);
        if (opening != null) {
            Promise<TunnelStream> p = opening;
            opening = null;
            p.fail(cause);
        }
        if (finPromise != null) {
            finPromise.tryFail(cause);
        }
        Handler<Throwable> onError = exceptionHandler;
        if (onError != null && open) {
            onError.handle(cause);
        }
        closed.tryFail(cause);
    }

    private void cancelConnectTimer() {
        if (connectTimer >= 0) {
            session.context().owner().cancelTimer(connectTimer);
            connectTimer = -1;
        }
    }

    private void enqueue(ByteBuf data, boolean owned, Promise<Void> written) {
        if (failure != null || finRequested || data.readableBytes() == 0) {
            queuedBytes.addAndGet(-data.readableBytes());
            Throwable refused = failure != null ? failure
                    : finRequested ? new TunnelException("write after end() on stream " + id) : null;
            if (owned) {
                data.release();
            }
            if (written != null && refused != null) {
                written.fail(refused);
            } else if (written != null) {
                written.complete();
            }
            return;
        }
        outbox.add(data, owned, written);
        flush();
    }

    /** Sends what credit and the transport allow; waits its turn when the transport is busy. */
    private void flush() {
        while (canSend()) {
            if (session.mustWaitToWrite()) {
                session.waitToWrite(this);
                return;
            }
            writeOneFrame();
        }
        maybeSendFin();
    }

    private boolean canSend() {
        return open && failure == null && !outbox.isEmpty() && sendable() > 0;
    }

    /**
     * Bytes this stream may send now: its credit, less while other streams share the connection (see
     * {@link SendBudget}). Unacknowledged bytes are the peer's window less the credit left.
     */
    private long sendable() {
        long cap = session.inFlightCap(id, peerWindow);
        return cap == Long.MAX_VALUE ? sendCredit : Math.min(sendCredit, cap - (peerWindow - sendCredit));
    }

    /** Writes one DATA frame; returns whether more could go right away. Called in the session's turns. */
    boolean writeOneFrame() {
        if (!canSend()) {
            maybeSendFin();
            return false;
        }
        int length = (int) Math.min(Math.min(outbox.headRemaining(), sendable()), session.maxFramePayload());
        session.sendData(id, outbox.head(), outbox.headOffset(), length, outbox.headOwned());
        sendCredit -= length;
        outbox.advance(length);
        long left = queuedBytes.addAndGet(-length);
        if (sawFull && left < writeQueueMaxSize / 2) {
            sawFull = false;
            Handler<Void> drain = drainHandler;
            if (drain != null) {
                drain.handle(null);
            }
        }
        if (outbox.isEmpty()) {
            maybeSendFin();
        }
        return canSend();
    }

    private void maybeSendFin() {
        if (finRequested && !finSent && open && failure == null && outbox.isEmpty()) {
            finSent = true;
            session.send(new Frame.Fin(id));
            finPromise.tryComplete();
            closeIfDone();
        }
    }

    private void deliver() {
        while (demand > 0 && handler != null && !inbox.isEmpty() && failure == null) {
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
            consumed(inbox.deliverOne(handler, ownedHandler));
        }
        if (remoteFin && inbox.isEmpty() && !endDelivered && failure == null && demand > 0) {
            endDelivered = true;
            Handler<Void> onEnd = endHandler;
            if (onEnd != null) {
                onEnd.handle(null);
            }
            closeIfDone();
        }
    }

    private void consumed(int bytes) {
        consumedUnacknowledged += bytes;
        if (consumedUnacknowledged >= creditBatch(window) && !remoteFin && failure == null) {
            receiveAllowance += consumedUnacknowledged;
            session.send(new Frame.WindowUpdate(id, consumedUnacknowledged));
            consumedUnacknowledged = 0;
        }
    }

    /**
     * Consumed bytes a receiver with window {@code window} returns as one WINDOW_UPDATE: a quarter window, at most
     * 64 KiB. Both ends compute it from the receiver's window, so a sender knows it never waits for credit with at
     * least this much in flight.
     */
    static int creditBatch(int window) {
        return Math.min(window / 4, MAX_CREDIT_BATCH);
    }

    private void closeIfDone() {
        if (finSent && endDelivered && failure == null) {
            session.unregister(this);
            closed.tryComplete();
        }
    }

    @Override
    public String toString() {
        return "TunnelStream[" + id + " -> " + target + "]";
    }
}
