package dev.depot.server.amqp;

import dev.depot.config.AmqpSettings;
import dev.depot.config.access.AuthenticatedUser;
import dev.depot.config.access.Authentication;
import dev.depot.protocol.amqp.AmqpFrameDecoder;
import dev.depot.protocol.amqp.AmqpInbound;
import dev.depot.protocol.amqp.ContentBodyFrame;
import dev.depot.protocol.amqp.ContentHeaderFrame;
import dev.depot.protocol.amqp.DecodeFailure;
import dev.depot.protocol.amqp.DeliveryEncoder;
import dev.depot.protocol.amqp.Frame;
import dev.depot.protocol.amqp.FrameWriter;
import dev.depot.protocol.amqp.HeartbeatFrame;
import dev.depot.protocol.amqp.MethodFrame;
import dev.depot.protocol.amqp.ProtocolHeader;
import dev.depot.protocol.amqp.ProtocolHeaderAccepted;
import dev.depot.protocol.amqp.ProtocolHeaderRejected;
import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.ReplyCode;
import dev.depot.protocol.amqp.method.ChannelMethod;
import dev.depot.protocol.amqp.method.ConnectionMethod;
import dev.depot.protocol.amqp.method.Method;
import dev.depot.storage.broker.queue.Delivery;
import dev.depot.storage.broker.queue.MessageQueue;
import dev.depot.storage.broker.vhost.Backpressure;
import dev.depot.storage.broker.vhost.VirtualHost;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.PlatformDependent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One AMQP connection: the handshake (start, tune, open), its channels, heartbeats, and the one
 * output buffer every channel writes into. Everything here runs on the connection's event loop;
 * other threads (queues delivering to this connection's consumers) hand work over through
 * {@link #runOnLoop}, drained in one batch and flushed once.
 */
final class AmqpConnection extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpConnection.class);
    /** How long the server waits for connection.close-ok before closing the socket anyway. */
    private static final long CLOSE_OK_TIMEOUT_MILLIS = 3_000;
    /** Output is handed to the socket once this much is buffered, not only at the end of a batch. */
    private static final int WRITE_CHUNK = 64 * 1024;
    /** The highest channel number AMQP has room for: "no limit" in connection.tune. */
    private static final int MAX_CHANNEL = 65535;
    /** Tasks from other threads run in one go before the loop turns to its sockets again. */
    private static final int DRAIN_BATCH = 1024;

    private enum State { AWAIT_HEADER, AWAIT_START_OK, AWAIT_TUNE_OK, AWAIT_OPEN, OPEN, CLOSING, CLOSED }

    private final AmqpService service;
    private final IntObjectHashMap<AmqpChannel> channels = new IntObjectHashMap<>();
    /** Deliveries of this connection's consumers ({@link Delivery}) and other work ({@link Runnable}). */
    private final Queue<Object> fromOtherThreads = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private final DeliveryEncoder deliveryEncoder = new DeliveryEncoder();
    private ChannelHandlerContext ctx;
    private State state = State.AWAIT_HEADER;
    private ByteBuf out;
    private AuthenticatedUser user;
    private VirtualHost vhost;
    private int channelMax;
    private int frameMax = AmqpFrameDecoder.MIN_FRAME_MAX;
    private int heartbeatSeconds;
    private ScheduledFuture<?> heartbeat;
    private long lastReadNanos = System.nanoTime();
    private boolean wroteSinceTick;
    private boolean consumerCancelNotify;
    private boolean blockedNotify;
    /** It has published: a memory alarm stops reading from it. */
    private boolean publisher;
    /** Not read from because of the memory alarm. */
    private boolean blocked;
    /**
     * Publisher flow control: the backlogged queues this connection published to and waits for;
     * while there are any it is not read from.
     */
    private final ArrayList<MessageQueue> waitingFor = new ArrayList<>(2);
    private final Backpressure backpressure = this::queueBacklogged;

    AmqpConnection(AmqpService service) {
        this.service = service;
    }

    // ---- Netty ------------------------------------------------------------------------------

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        service.connections().add(this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            receive((AmqpInbound) msg);
        } catch (AmqpException e) {
            connectionError(e);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        lastReadNanos = System.nanoTime(); // once per read, not per frame: heartbeats count in seconds
        for (AmqpChannel channel : channels.values()) {
            channel.endOfBatch();
        }
        flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            for (AmqpChannel channel : new ArrayList<>(channels.values())) {
                channel.resumeDeliveries();
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        service.connections().remove(this);
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        closeAllChannels();
        if (vhost != null) {
            vhost.connectionClosed(this);
        }
        if (out != null) {
            out.release();
            out = null;
        }
        ctx.fireChannelInactive();
    }

    /**
     * The socket is closed from outside this handler (the server shutting down closes every
     * client; this handler's own ctx.close() calls do not pass here): an open connection hears
     * why first, connection.close 320 CONNECTION_FORCED, as from a RabbitMQ that stops.
     */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (state == State.OPEN) {
            write(0, ConnectionMethod.Close.of(new AmqpException(ReplyCode.CONNECTION_FORCED,
                    "broker forced connection closure with reason 'shutdown'")));
            flush();
            state = State.CLOSING;
        }
        ctx.close(promise);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof java.io.IOException)) {
            LOG.warn("AMQP connection {}: {}", ctx.channel().remoteAddress(), cause.toString(), cause);
        }
        ctx.close();
    }

    // ---- frames in --------------------------------------------------------------------------

    private void receive(AmqpInbound inbound) {
        if (inbound instanceof Frame frame) {
            if (!(frame instanceof HeartbeatFrame)) { // a heartbeat only says the peer is alive
                receiveFrame(frame);
            }
        } else if (inbound instanceof ProtocolHeaderAccepted) {
            start();
        } else if (inbound instanceof ProtocolHeaderRejected) {
            // the spec: answer with the header we speak, then close
            ByteBuf header = ctx.alloc().buffer(ProtocolHeader.LENGTH);
            ProtocolHeader.write(header);
            state = State.CLOSED;
            ctx.writeAndFlush(header).addListener(ChannelFutureListener.CLOSE);
        } else if (inbound instanceof DecodeFailure failure) {
            connectionError(failure.error());
        }
    }

    private void receiveFrame(Frame frame) {
        if (state == State.CLOSED) {
            release(frame);
            return;
        }
        if (state == State.CLOSING) {
            // after connection.close only close and close-ok mean anything
            if (frame instanceof MethodFrame m && m.channel() == 0) {
                if (m.method() instanceof ConnectionMethod.CloseOk) {
                    ctx.close();
                    state = State.CLOSED;
                } else if (m.method() instanceof ConnectionMethod.Close) {
                    write(0, new ConnectionMethod.CloseOk());
                    flushAndClose();
                }
            }
            release(frame);
            return;
        }
        int number = frameChannel(frame);
        if (number == 0) {
            if (!(frame instanceof MethodFrame m)) {
                throw new AmqpException(ReplyCode.UNEXPECTED_FRAME, "expected method frame on channel 0");
            }
            receiveConnectionMethod(m.method());
            return;
        }
        if (state != State.OPEN) {
            release(frame);
            throw new AmqpException(ReplyCode.CHANNEL_ERROR, "expected 'connection.open'");
        }
        AmqpChannel channel = channels.get(number);
        if (channel == null) {
            release(frame);
            openChannel(number, frame);
            return;
        }
        channel.receive(frame);
    }

    private static int frameChannel(Frame frame) {
        if (frame instanceof MethodFrame m) {
            return m.channel();
        } else if (frame instanceof ContentHeaderFrame h) {
            return h.channel();
        } else if (frame instanceof ContentBodyFrame b) {
            return b.channel();
        }
        return 0;
    }

    private static void release(Frame frame) {
        if (frame instanceof ContentBodyFrame body && body.payload().refCnt() > 0) {
            body.release();
        }
    }

    // ---- handshake and channel 0 ------------------------------------------------------------

    private void start() {
        state = State.AWAIT_START_OK;
        write(0, new ConnectionMethod.Start(0, 9, service.serverProperties(), Credentials.MECHANISMS, "en_US"));
    }

    private void receiveConnectionMethod(Method method) {
        switch (state) {
            case AWAIT_START_OK -> {
                if (!(method instanceof ConnectionMethod.StartOk startOk)) {
                    throw unexpectedInHandshake(method, "connection.start_ok");
                }
                login(startOk);
            }
            case AWAIT_TUNE_OK -> {
                if (!(method instanceof ConnectionMethod.TuneOk tuneOk)) {
                    throw unexpectedInHandshake(method, "connection.tune_ok");
                }
                tune(tuneOk);
            }
            case AWAIT_OPEN -> {
                if (!(method instanceof ConnectionMethod.Open open)) {
                    throw unexpectedInHandshake(method, "connection.open");
                }
                open(open);
            }
            case OPEN -> receiveWhileOpen(method);
            default -> throw new IllegalStateException("frame in state " + state);
        }
    }

    private static AmqpException unexpectedInHandshake(Method method, String expected) {
        return new AmqpException(ReplyCode.COMMAND_INVALID, "expected '" + expected + "', got '"
                + method.kind().protocolName() + "'", method.classId(), method.methodId());
    }

    private void login(ConnectionMethod.StartOk startOk) {
        Credentials credentials = Credentials.parse(startOk.mechanism(), startOk.response());
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        Authentication outcome = service.access().authenticate(credentials.user(), credentials.password(),
                remote == null ? null : remote.getAddress());
        if (outcome instanceof Authentication.Refused refused) {
            LOG.warn("AMQP login refused from {} ({}): {}", remote, startOk.mechanism(), refused.logMessage());
            throw Credentials.refused(startOk.mechanism());
        }
        user = ((Authentication.Authenticated) outcome).user();
        consumerCancelNotify = capability(startOk.clientProperties(), "consumer_cancel_notify");
        blockedNotify = capability(startOk.clientProperties(), "connection.blocked");
        AmqpSettings settings = service.settings();
        write(0, new ConnectionMethod.Tune(settings.channelMax(), settings.frameMax(), settings.heartbeatSeconds()));
        state = State.AWAIT_TUNE_OK;
    }

    private static boolean capability(Map<String, Object> clientProperties, String name) {
        return clientProperties.get("capabilities") instanceof Map<?, ?> capabilities
                && Boolean.TRUE.equals(capabilities.get(name));
    }

    private void tune(ConnectionMethod.TuneOk tuneOk) {
        AmqpSettings settings = service.settings();
        long requestedFrameMax = tuneOk.frameMax();
        if (requestedFrameMax == 0 || requestedFrameMax > settings.frameMax()) {
            throw new AmqpException(ReplyCode.NOT_ALLOWED, "frame_max=" + requestedFrameMax + " > "
                    + settings.frameMax() + " max size", 10, 31);
        }
        if (requestedFrameMax < AmqpFrameDecoder.MIN_FRAME_MAX) {
            throw new AmqpException(ReplyCode.NOT_ALLOWED, "frame_max=" + requestedFrameMax + " < "
                    + AmqpFrameDecoder.MIN_FRAME_MAX + " min size", 10, 31);
        }
        int serverChannelMax = settings.channelMax() == 0 ? MAX_CHANNEL : settings.channelMax();
        if (tuneOk.channelMax() > serverChannelMax) {
            throw new AmqpException(ReplyCode.NOT_ALLOWED, "channel_max=" + tuneOk.channelMax() + " > "
                    + serverChannelMax + " max size", 10, 31);
        }
        frameMax = (int) requestedFrameMax;
        channelMax = tuneOk.channelMax() == 0 ? serverChannelMax : tuneOk.channelMax();
        heartbeatSeconds = tuneOk.heartbeat();
        ctx.pipeline().get(AmqpFrameDecoder.class).frameMax(frameMax);
        if (heartbeatSeconds > 0) {
            long periodMillis = Math.max(1, heartbeatSeconds * 1000L / 2);
            heartbeat = ctx.executor().scheduleAtFixedRate(this::heartbeatTick, periodMillis, periodMillis,
                    TimeUnit.MILLISECONDS);
        }
        state = State.AWAIT_OPEN;
    }

    private void open(ConnectionMethod.Open open) {
        String name = open.virtualHost();
        VirtualHost host = service.broker().virtualHost(name);
        if (host == null) {
            throw new AmqpException(ReplyCode.NOT_ALLOWED, "vhost " + name + " not found", 10, 40);
        }
        if (!service.access().canAccessVhost(user, name)) {
            throw new AmqpException(ReplyCode.NOT_ALLOWED, "access to vhost '" + name + "' refused for user '"
                    + user.name() + "'", 10, 40);
        }
        vhost = host;
        state = State.OPEN;
        write(0, new ConnectionMethod.OpenOk());
    }

    private void receiveWhileOpen(Method method) {
        if (method instanceof ConnectionMethod.Close) {
            closeAllChannels();
            // exclusive queues go before close-ok, as in RabbitMQ: a client that saw its connection
            // close may at once declare them again elsewhere
            vhost.connectionClosed(this);
            write(0, new ConnectionMethod.CloseOk());
            flushAndClose();
        } else if (method instanceof ConnectionMethod.CloseOk) {
            ctx.close();
        } else if (method instanceof ConnectionMethod.UpdateSecret) {
            write(0, new ConnectionMethod.UpdateSecretOk());
        } else {
            throw new AmqpException(ReplyCode.CHANNEL_ERROR, "unexpected method in connection state running",
                    method.classId(), method.methodId());
        }
    }

    private void openChannel(int number, Frame frame) {
        if (!(frame instanceof MethodFrame m) || !(m.method() instanceof ChannelMethod.Open)) {
            throw new AmqpException(ReplyCode.CHANNEL_ERROR, "expected 'channel.open'");
        }
        if (number > channelMax) {
            throw new AmqpException(ReplyCode.NOT_ALLOWED, "number of channels opened (" + channels.size()
                    + ") has reached the negotiated channel_max (" + channelMax + ")", 20, 10);
        }
        channels.put(number, new AmqpChannel(this, number));
        write(number, new ChannelMethod.OpenOk());
    }

    /** The channel sent or received channel.close-ok: its number is free again. */
    void channelClosed(int number) {
        channels.remove(number);
    }

    private void closeAllChannels() {
        for (AmqpChannel channel : new ArrayList<>(channels.values())) {
            channel.release();
        }
        channels.clear();
    }

    // ---- errors -----------------------------------------------------------------------------

    /** Sends connection.close for {@code e}, releases every channel and waits briefly for close-ok. */
    void connectionError(AmqpException e) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        if (state == State.AWAIT_HEADER) {
            ctx.close();
            state = State.CLOSED;
            return;
        }
        LOG.debug("AMQP connection {} closed with {}", ctx.channel().remoteAddress(), e.replyText());
        closeAllChannels();
        write(0, ConnectionMethod.Close.of(e));
        flush();
        state = State.CLOSING;
        ctx.channel().config().setAutoRead(true);
        ctx.executor().schedule(() -> {
            ctx.close();
        }, CLOSE_OK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The server shuts down: connection.close 320 CONNECTION_FORCED, as RabbitMQ does. */
    io.netty.channel.ChannelFuture shutdown() {
        runOnLoop(() -> {
            if (state == State.OPEN) {
                connectionError(new AmqpException(ReplyCode.CONNECTION_FORCED, "broker forced connection closure "
                        + "with reason 'shutdown'"));
            } else {
                ctx.close();
            }
        });
        return ctx.channel().closeFuture();
    }

    // ---- heartbeats -------------------------------------------------------------------------

    private void heartbeatTick() {
        long silentNanos = System.nanoTime() - lastReadNanos;
        // a blocked connection is not read from, so its heartbeats go unseen: not a dead peer
        if (reading() && silentNanos > TimeUnit.SECONDS.toNanos(2L * heartbeatSeconds)) {
            LOG.warn("AMQP connection {}: missed heartbeats from client, timeout: {}s",
                    ctx.channel().remoteAddress(), heartbeatSeconds);
            ctx.close();
            return;
        }
        if (!wroteSinceTick) {
            FrameWriter.heartbeat(buffer());
            flush();
        }
        wroteSinceTick = false;
    }

    // ---- memory alarm -----------------------------------------------------------------------

    /** A channel published: with the memory alarm raised, this connection stops being read. */
    void published() {
        if (!publisher) {
            publisher = true;
            if (service.memoryAlarm().raised()) {
                block();
            }
        }
    }

    /** The memory alarm changed (any thread). */
    void memoryAlarm(boolean raised) {
        runOnLoop(() -> {
            if (raised && publisher && !blocked) {
                block();
            } else if (!raised && blocked) {
                blocked = false;
                if (blockedNotify && state == State.OPEN) {
                    write(0, new ConnectionMethod.Unblocked());
                }
                updateAutoRead();
            }
        });
    }

    private void block() {
        if (state != State.OPEN) {
            return;
        }
        blocked = true;
        if (blockedNotify) {
            write(0, new ConnectionMethod.Blocked("low on memory"));
        }
        updateAutoRead();
    }

    // ---- publisher flow control -------------------------------------------------------------

    /** What the channels pass when they publish: told of the backlogged queues a message went to. */
    Backpressure backpressure() {
        return backpressure;
    }

    /**
     * A channel published to a queue whose consumers fall behind: this connection is not read
     * from until that queue's backlog drains, as RabbitMQ's credit flow holds a publisher whose
     * queue cannot keep up. Not a connection that consumes: it must keep reading its acks (and a
     * consumer of its own may be what drains the queue). On the loop.
     */
    private void queueBacklogged(MessageQueue queue) {
        if (state != State.OPEN || waitingFor.contains(queue) || consumes()) {
            return;
        }
        if (queue.awaitBacklogDrained(() -> runOnLoop(() -> backlogDrained(queue)))) {
            waitingFor.add(queue);
            if (waitingFor.size() == 1) {
                updateAutoRead();
            }
        }
    }

    private void backlogDrained(MessageQueue queue) {
        if (waitingFor.remove(queue) && waitingFor.isEmpty()) {
            updateAutoRead();
        }
    }

    /** A channel of this connection started consuming: it is read from whatever its queues hold. */
    void consuming() {
        if (!waitingFor.isEmpty()) {
            waitingFor.clear();
            updateAutoRead();
        }
    }

    private boolean consumes() {
        for (AmqpChannel channel : channels.values()) {
            if (channel.consumes()) {
                return true;
            }
        }
        return false;
    }

    /** Neither the memory alarm nor a backlogged queue holds this connection. */
    private boolean reading() {
        return !blocked && waitingFor.isEmpty();
    }

    private void updateAutoRead() {
        if (state != State.OPEN) {
            return; // closing: connectionError reads on, for the close-ok
        }
        boolean read = reading();
        if (read) {
            lastReadNanos = System.nanoTime(); // the silence while held says nothing about the peer
        }
        ctx.channel().config().setAutoRead(read);
    }

    // ---- frames out -------------------------------------------------------------------------

    VirtualHost vhost() {
        return vhost;
    }

    AuthenticatedUser user() {
        return user;
    }

    AmqpService service() {
        return service;
    }

    int frameMax() {
        return frameMax;
    }

    boolean consumerCancelNotify() {
        return consumerCancelNotify;
    }

    /** How the channels write basic.deliver. */
    DeliveryEncoder deliveryEncoder() {
        return deliveryEncoder;
    }

    boolean writable() {
        return ctx.channel().isWritable();
    }

    /** The output buffer of this batch; written to the socket when large, flushed at the end of the batch. */
    ByteBuf buffer() {
        if (out == null) {
            out = ctx.alloc().ioBuffer(4096);
        } else if (out.readableBytes() >= WRITE_CHUNK) {
            ctx.write(out, ctx.voidPromise());
            out = ctx.alloc().ioBuffer(4096);
        }
        return out;
    }

    void write(int channel, Method method) {
        FrameWriter.method(buffer(), channel, method);
    }

    void flush() {
        if (out != null && out.isReadable()) {
            ctx.write(out, ctx.voidPromise());
            out = null;
            wroteSinceTick = true;
        }
        ctx.flush();
    }

    private void flushAndClose() {
        // CLOSED before the close the listener starts (perhaps at once): it passes through close()
        state = State.CLOSED;
        if (out != null && out.isReadable()) {
            ctx.write(out);
            out = null;
        }
        ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Runs {@code task} on this connection's event loop, after whatever it is doing now; tasks
     * handed over together run in one batch with one flush.
     */
    void runOnLoop(Runnable task) {
        fromOtherThreads.add(task);
        scheduleDrain();
    }

    /**
     * A delivery for one of this connection's consumers (its {@link Delivery#consumer()}), from
     * its queue's thread: written on this connection's loop, in the order handed over.
     */
    void handOver(Delivery delivery) {
        fromOtherThreads.add(delivery);
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true) && !LoopWakeUps.defer(this)) {
            wakeDrain();
        }
    }

    /** Runs the drain on this connection's loop (a wake-up, if the loop sleeps). */
    void wakeDrain() {
        ctx.executor().execute(drainTask);
    }

    private void drain() {
        // at most a batch at a time, so that a busy queue cannot keep this loop from its sockets
        Object item;
        int ran = 0;
        while (ran < DRAIN_BATCH && (item = fromOtherThreads.poll()) != null) {
            ran++;
            try {
                if (item instanceof Delivery delivery) {
                    ((ChannelConsumer) delivery.consumer()).handedOver(delivery);
                } else {
                    ((Runnable) item).run();
                }
            } catch (AmqpException e) {
                connectionError(e);
            }
        }
        if (state != State.CLOSED) {
            flush();
        }
        drainScheduled.set(false);
        if (!fromOtherThreads.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            ctx.executor().execute(drainTask);
        }
    }
}
