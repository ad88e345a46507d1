package dev.depot.server.resp;

import dev.depot.protocol.resp.RespCommand;
import dev.depot.protocol.resp.RespDecoder;
import dev.depot.protocol.resp.RespProtocolError;
import dev.depot.server.net.ReplyBuffer;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Executes the Redis commands of one connection in order and writes their replies, one flush
 * per read batch. Like the memcached handler it stops executing while the client is not
 * reading its replies, so a slow reader holds at most one read's worth of commands. It also
 * holds commands back, without blocking its event loop, while a blocking command waits or a
 * CLIENT PAUSE lasts; and it applies what Redis checks before every command: AUTH, the
 * subscribed-mode rule, CLIENT REPLY.
 */
final class RespHandler extends ChannelInboundHandlerAdapter implements Parking {
    private static final Logger LOG = LoggerFactory.getLogger("dev.depot.resp");
    /** Redis cuts the argument preview of an unknown command at this many characters. */
    private static final int UNKNOWN_ARGS_PREVIEW = 128;
    private static final String NOAUTH = "NOAUTH Authentication required.";

    private final RespService service;
    private final Session session;
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();
    private ReplyBuffer buffer;
    private RespReply reply;
    private boolean closing;
    private ChannelHandlerContext ctx;
    /** The blocking command this connection waits on; commands behind it queue up meanwhile. */
    private Parked parked;
    /** The CLIENT PAUSE this connection waits out; commands queue up meanwhile. */
    private PauseWait pauseWait;
    /** The decoder's stricter limits for clients that have yet to authenticate are on. */
    private boolean decoderAwaitsAuth;

    RespHandler(RespService service) {
        this.service = service;
        this.session = service.newSession();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        session.channel = ctx.channel();
        buffer = new ReplyBuffer(ctx);
        session.replies = buffer;
        reply = new RespReply(buffer, session, service.errorStats());
    }

    /** Only connections the limiter let through reach here: they are the ones CLIENT LIST shows. */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        service.clients().add(session);
        if (!session.authenticated) {
            RespDecoder decoder = ctx.pipeline().get(RespDecoder.class);
            if (decoder != null) {
                decoder.setAuthRequired(true);
                decoderAwaitsAuth = true;
            }
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!backlog.isEmpty() || !ctx.channel().isWritable() || waiting()) {
            backlog.add(msg);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        process(ctx, msg);
    }

    /** A blocking command or a client pause holds this connection's commands back. */
    private boolean waiting() {
        return parked != null || pauseWait != null;
    }

    private void process(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            return;
        }
        if (msg instanceof RespCommand command) {
            execute(ctx, command);
        } else if (msg instanceof RespProtocolError error) {
            reply.protocolError(error);
            closeAfterReplies(ctx);
        }
    }

    /**
     * Runs one command as the connection's current one: invalidations it causes for this very
     * connection follow its reply, and a CLIENT CACHING given for it is used up afterwards
     * (unless it was CLIENT itself, or queued inside MULTI, as in Redis).
     */
    private void execute(ChannelHandlerContext ctx, RespCommand command) {
        boolean done;
        session.executing = true;
        try {
            done = dispatch(ctx, command);
        } finally {
            endCommand();
        }
        if (done && session.cachingNext && !Transactions.inTransaction(session)
                && !new String(command.args().get(0), StandardCharsets.ISO_8859_1).equalsIgnoreCase("client")) {
            session.cachingNext = false;
        }
    }

    /** Ends the connection's current command: what it held back for itself goes after its reply. */
    private void endCommand() {
        if (session.deferredInvalidations != null) {
            service.tracking().sendDeferred(session);
        }
        session.executing = false;
    }

    /** Handles a command; false when a CLIENT PAUSE holds it back, to be handled again later. */
    private boolean dispatch(ChannelHandlerContext ctx, RespCommand command) {
        List<byte[]> args = command.args();
        session.lastInteractionMillis = System.currentTimeMillis();
        // CLIENT REPLY SKIP silences the next command, whatever becomes of it
        boolean skip = session.skipNextReply;
        session.skipNextReply = false;
        reply.skipping(skip);
        CommandSpec spec = service.commands().find(args.get(0));
        boolean queuing = Transactions.inTransaction(session);
        if (spec == null) {
            reply.error(unknownCommand(args));
            if (queuing) {
                Transactions.refuse(session);
            }
            return true;
        }
        if (!spec.acceptsArgCount(args.size())) {
            if (spec.name().equals("exec")) {
                Transactions.abortExec(session, reply, "wrong number of arguments for 'exec' command",
                        service.databases());
                return true;
            }
            reject(spec, args, "ERR wrong number of arguments for '" + spec.name() + "' command", queuing);
            return true;
        }
        if (args.size() > 1 && spec.meta().isContainer() && !subcommandPasses(spec, args, queuing)) {
            return true;
        }
        if (mustLogIn() && !CommandFlags.runsWithoutAuth(spec.name())) {
            reject(spec, args, NOAUTH, queuing);
            return true;
        }
        if (session.subscriptions() > 0 && session.protocol == 2
                && !PubSubCommands.ALLOWED_WHILE_SUBSCRIBED.contains(spec.name())) {
            reject(spec, args, "ERR Can't execute '" + spec.name() + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE"
                    + " / PING / QUIT / RESET are allowed in this context", false);
            return true;
        }
        long pausedNanos = service.pause().remainingNanos(spec.name(), session);
        if (pausedNanos > 0) {
            session.skipNextReply = skip; // it applies when the command finally runs
            waitOutPause(command, pausedNanos);
            return false;
        }
        if (spec.name().equals("quit")) {
            timed(spec, args, reply::ok);
            closeAfterReplies(ctx);
            return true;
        }
        if (Transactions.isControl(spec.name())) {
            timed(spec, args, () -> Transactions.control(spec.name(), args, session, reply, service, this::run));
            afterCommand(ctx);
            return true;
        }
        if (queuing && !spec.name().equals("reset")) { // RESET ends a transaction instead of joining it
            try {
                MemoryAdmission.admit(service.databases()); // Redis queues nothing while memory is full
            } catch (RespException e) {
                reply.error(e.getMessage());
                Transactions.refuse(session);
                return true;
            }
            Transactions.queue(args, session, reply);
            return true;
        }
        run(spec, args);
        afterCommand(ctx);
        return true;
    }

    /**
     * Redis's look-up of a container's subcommand before the command runs or is queued: an
     * unknown one and a wrong number of arguments are refused here, so that inside MULTI they
     * spoil the transaction (EXECABORT) instead of failing at EXEC. A subcommand Redis 7.0 has
     * but Depot does not serve counts as unknown once its argument count is right.
     */
    private boolean subcommandPasses(CommandSpec spec, List<byte[]> args, boolean queuing) {
        CommandTable.Subcommand sub = service.commands().subcommand(spec, args.get(1));
        if (sub != null && !sub.acceptsArgCount(args.size())) {
            reject(spec, args, "ERR wrong number of arguments for '" + sub.name() + "' command", queuing);
            return false;
        }
        if (sub == null || !sub.served()) {
            reply.error(Subcommands.unknownMessage(args.get(0), args.get(1))); // no command to count it for
            if (queuing) {
                Transactions.refuse(session);
            }
            return false;
        }
        return true;
    }

    /**
     * Whether this connection must still AUTH: it has not, and a password is required now (a
     * password removed at run time lets in connections that never logged in, as in Redis).
     */
    private boolean mustLogIn() {
        return !session.authenticated && service.authenticator().required();
    }

    /** A command refused before it ran: counted as rejected, and it spoils a transaction being queued. */
    private void reject(CommandSpec spec, List<byte[]> args, String error, boolean queuing) {
        service.accounting().statistics().of(spec, args).rejected();
        reply.error(error);
        if (queuing) {
            Transactions.refuse(session);
        }
    }

    /** What a command may have asked of the connection: to close, or to lift the decoder's AUTH limits. */
    private void afterCommand(ChannelHandlerContext ctx) {
        if (decoderAwaitsAuth && !mustLogIn()) {
            ctx.pipeline().get(RespDecoder.class).setAuthRequired(false);
            decoderAwaitsAuth = false;
        }
        if (session.closeAfterReply) {
            closeAfterReplies(ctx);
        }
    }

    /** Runs a command already known to exist with a valid argument count (also from EXEC). */
    private void run(List<byte[]> args) {
        run(service.commands().find(args.get(0)), args);
    }

    private void run(CommandSpec spec, List<byte[]> args) {
        timed(spec, args, () -> {
            try {
                // inside EXEC the check was made once for the whole transaction
                if (!session.inExec && service.databases().budget().over() && MemoryAdmission.mayAddData(spec.name())) {
                    MemoryAdmission.admit(service.databases());
                }
                Tracking.Mode tracking = session.tracking;
                if (tracking == null) {
                    spec.body().execute(new Call(args, session, reply, service, this));
                } else {
                    runTracked(spec, args);
                }
            } catch (RespException e) {
                reply.error(e.getMessage());
            }
        });
    }

    /**
     * A tracking client's command: the keys it reads are remembered before it reads them (a
     * write racing with the read then finds it), and again afterwards if its own read forgot
     * them (a key it found expired).
     */
    private void runTracked(CommandSpec spec, List<byte[]> args) {
        service.tracking().remember(session, spec, args);
        int invalidated = session.invalidatedWhileRunning;
        spec.body().execute(new Call(args, session, reply, service, this));
        if (session.invalidatedWhileRunning != invalidated) {
            service.tracking().remember(session, spec, args);
        }
    }

    /** Runs {@code body}, then books it: commandstats, slow log, latency monitor, MONITOR. */
    private void timed(CommandSpec spec, List<byte[]> args, Runnable body) {
        CommandStats stats = service.accounting().statistics().of(spec, args);
        session.lastCommand = stats;
        long errorsBefore = reply.errors();
        long start = System.nanoTime();
        body.run();
        long nanos = System.nanoTime() - start;
        session.lastCommand = stats; // EXEC ran other commands meanwhile
        if (session.monitor) {
            buffer.commit(); // a monitor's own reply goes out before the MONITOR line of its command
        }
        service.accounting().executed(session, stats, args, nanos, reply.errors() != errorsBefore);
    }

    /** Redis's wording: the name, then the first arguments quoted, each followed by a space. */
    private static String unknownCommand(List<byte[]> args) {
        StringBuilder preview = new StringBuilder();
        for (int i = 1; i < args.size() && preview.length() < UNKNOWN_ARGS_PREVIEW; i++) {
            String arg = cString(args.get(i));
            int room = UNKNOWN_ARGS_PREVIEW - preview.length();
            preview.append('\'').append(arg, 0, Math.min(arg.length(), room)).append("' ");
        }
        String name = cString(args.get(0));
        return "ERR unknown command '" + (name.length() > 128 ? name.substring(0, 128) : name)
                + "', with args beginning with: " + preview;
    }

    /** Redis formats these with %s: the text ends at a NUL byte. Latin-1 keeps every byte as one char. */
    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    }

    private void closeAfterReplies(ChannelHandlerContext ctx) {
        closing = true;
        backlog.clear();
        buffer.flush();
        ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        buffer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            drainBacklog();
        } else {
            ctx.channel().config().setAutoRead(false);
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** Runs the commands that waited (for writability, a blocking pop or a pause), then reads again. */
    private void drainBacklog() {
        while (!backlog.isEmpty() && ctx.channel().isWritable() && ctx.channel().isActive() && !waiting()) {
            process(ctx, backlog.poll());
        }
        buffer.flush();
        if (backlog.isEmpty() && !closing && !waiting()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Holds {@code command} (and everything after it) until the pause ends or is lifted. */
    private void waitOutPause(RespCommand command, long nanos) {
        backlog.addFirst(command);
        ctx.channel().config().setAutoRead(false);
        PauseWait waiting = new PauseWait();
        pauseWait = waiting;
        service.pause().await(waiting);
        waiting.deadline = ctx.executor().schedule(waiting::resume, nanos, TimeUnit.NANOSECONDS);
    }

    /** This connection waiting out a CLIENT PAUSE. */
    private final class PauseWait implements ClientPause.Waiter {
        private ScheduledFuture<?> deadline;

        @Override
        public void retry() {
            ctx.executor().execute(this::resume);
        }

        /** Lets the held commands try again (a pause that was extended holds them anew). */
        void resume() {
            if (pauseWait != this) {
                return;
            }
            pauseWait = null;
            service.pause().leave(this);
            if (deadline != null) {
                deadline.cancel(false);
            }
            drainBacklog();
        }

        void cancel() {
            service.pause().leave(this);
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
    }

    @Override
    public void park(BlockingPops.Source source, List<byte[]> keys, long timeoutMillis,
                     java.util.function.BooleanSupplier attempt, Runnable onTimeout) {
        Parked waiting = new Parked(source, keys, session.db, attempt, onTimeout);
        // A write may have landed between the failed attempt and joining the queues, and woken
        // nobody: the oldest waiter of a key tries again now, before this command's read batch
        // ends (a later retry could take the member from a waiter parked before it). A waiter
        // with an older one ahead on every key needs no retry: such a write woke that one, which
        // passes the turn on when it leaves.
        boolean served;
        try {
            served = service.blocking().park(waiting, session.db, source, keys) && attempt.getAsBoolean();
        } catch (RuntimeException refused) {
            waiting.leaveQueues(); // the command ends with an error reply: no stale waiter stays queued
            throw refused;
        }
        if (served) {
            waiting.leaveQueues();
            return;
        }
        parked = waiting;
        session.blocked = true;
        session.waitingIn = waiting;
        ctx.channel().config().setAutoRead(false);
        if (timeoutMillis > 0) {
            waiting.timeout = ctx.executor().schedule(waiting::expire, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A blocking pop in progress on this connection. Its end is claimed once: by a retry that
     * got something, by the timeout, or by CLIENT UNBLOCK from any thread; whichever comes first
     * writes the reply, on this connection's event loop. A retry already under way when an
     * UNBLOCK claims the wait may still serve the client: it then has its element, and the
     * UNBLOCK, which answered 1, ends nothing more.
     */
    private final class Parked implements BlockingPops.Waiter, Unblockable {
        private static final int WAITING = 0;
        private static final int ENDED = 1;
        private static final int UNBLOCKED_AS_TIMEOUT = 2;
        private static final int UNBLOCKED_WITH_ERROR = 3;

        private final BlockingPops.Source source;
        private final List<byte[]> keys;
        private final int db;
        private final java.util.function.BooleanSupplier attempt;
        private final Runnable onTimeout;
        private final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();
        private ScheduledFuture<?> timeout;

        Parked(BlockingPops.Source source, List<byte[]> keys, int db, java.util.function.BooleanSupplier attempt,
               Runnable onTimeout) {
            this.source = source;
            this.keys = keys;
            this.db = db;
            this.attempt = attempt;
            this.onTimeout = onTimeout;
        }

        @Override
        public void wake() {
            ctx.executor().execute(this::retry);
        }

        private void retry() {
            if (parked != this) {
                service.blocking().signalAll(db, source, keys); // gone already: the next waiter's turn
            } else if (state.get() == WAITING && asCommand(attempt::getAsBoolean)) {
                state.set(ENDED);
                finish();
            }
            // unblocked meanwhile: the UNBLOCK's own task replies, and passes the turn on as it leaves
        }

        private void expire() {
            if (parked == this && state.compareAndSet(WAITING, ENDED)) {
                asCommand(() -> {
                    onTimeout.run();
                    return true;
                });
                finish();
            }
        }

        @Override
        public boolean unblock(boolean withError) {
            if (!state.compareAndSet(WAITING, withError ? UNBLOCKED_WITH_ERROR : UNBLOCKED_AS_TIMEOUT)) {
                return false;
            }
            ctx.executor().execute(this::unblocked);
            return true;
        }

        /** CLIENT UNBLOCK's reply, on this connection's loop: as on timeout, or the UNBLOCKED error. */
        private void unblocked() {
            if (parked != this) {
                return; // closed meanwhile, or served by a retry that was already under way
            }
            boolean withError = state.get() == UNBLOCKED_WITH_ERROR;
            asCommand(() -> {
                if (withError) {
                    reply.error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
                } else {
                    onTimeout.run();
                }
                return true;
            });
            finish();
        }

        private void finish() {
            cancel();
            buffer.flush();
            drainBacklog();
        }

        /** Leaves the wait lists (the next waiter gets a turn); the connection takes commands again. */
        void cancel() {
            parked = null;
            session.blocked = false;
            session.waitingIn = null;
            if (timeout != null) {
                timeout.cancel(false);
            }
            leaveQueues();
        }

        /** Leaves the wait lists, and wakes the waiter now first on each key in case members remain. */
        void leaveQueues() {
            service.blocking().unpark(this, db, source, keys);
            service.blocking().signalAll(db, source, keys);
        }
    }

    /** Runs the end of a parked command as the connection's current command (see {@link #execute}). */
    private boolean asCommand(java.util.function.BooleanSupplier step) {
        session.executing = true;
        try {
            return step.getAsBoolean();
        } finally {
            endCommand();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (parked != null) {
            parked.cancel();
        }
        service.tracking().off(session);
        if (pauseWait != null) {
            pauseWait.cancel();
            pauseWait = null;
        }
        service.clients().remove(session);
        service.accounting().monitors().remove(session);
        PubSubCommands.dropAll(session, service.pubsub());
        Transactions.unwatchAll(session, service.databases());
        backlog.clear();
        buffer.discard();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            LOG.warn("closing RESP connection {} after an internal error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
