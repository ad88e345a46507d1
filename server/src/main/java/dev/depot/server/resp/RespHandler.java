package dev.depot.server.resp;

import dev.depot.protocol.resp.RespCommand;
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

/**
 * Executes the Redis commands of one connection in order and writes their replies, one flush
 * per read batch. Like the memcached handler it stops executing while the client is not
 * reading its replies, so a slow reader holds at most one read's worth of commands.
 */
final class RespHandler extends ChannelInboundHandlerAdapter implements Parking {
    private static final Logger LOG = LoggerFactory.getLogger("dev.depot.resp");
    /** Redis cuts the argument preview of an unknown command at this many characters. */
    private static final int UNKNOWN_ARGS_PREVIEW = 128;

    private final RespService service;
    private final Session session;
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();
    private ReplyBuffer buffer;
    private RespReply reply;
    private boolean closing;
    private ChannelHandlerContext ctx;
    /** The blocking command this connection waits on; commands behind it queue up meanwhile. */
    private Parked parked;

    RespHandler(RespService service) {
        this.service = service;
        this.session = service.newSession();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        session.channel = ctx.channel();
        buffer = new ReplyBuffer(ctx);
        reply = new RespReply(buffer, session);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!backlog.isEmpty() || !ctx.channel().isWritable() || parked != null) {
            backlog.add(msg);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        process(ctx, msg);
    }

    private void process(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            return;
        }
        if (msg instanceof RespCommand command) {
            execute(ctx, command.args());
        } else if (msg instanceof RespProtocolError error) {
            reply.protocolError(error);
            closeAfterReplies(ctx);
        }
    }

    private void execute(ChannelHandlerContext ctx, List<byte[]> args) {
        CommandSpec spec = service.commands().find(args.get(0));
        boolean queuing = Transactions.inTransaction(session);
        if (spec == null) {
            reply.error(unknownCommand(args));
            if (queuing) {
                Transactions.refuse(session);
            }
            return;
        }
        if (!spec.acceptsArgCount(args.size())) {
            if (spec.name().equals("exec")) {
                Transactions.abortExec(session, reply, "wrong number of arguments for 'exec' command",
                        service.databases());
                return;
            }
            reply.error("ERR wrong number of arguments for '" + spec.name() + "' command");
            if (queuing) {
                Transactions.refuse(session);
            }
            return;
        }
        if (session.subscriptions() > 0 && session.protocol == 2
                && !PubSubCommands.ALLOWED_WHILE_SUBSCRIBED.contains(spec.name())) {
            reply.error("ERR Can't execute '" + spec.name() + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE"
                    + " / PING / QUIT / RESET are allowed in this context");
            return;
        }
        if (spec.name().equals("quit")) {
            reply.ok();
            closeAfterReplies(ctx);
            return;
        }
        if (Transactions.control(spec.name(), args, session, reply, service, this::run)) {
            return;
        }
        if (queuing && !spec.name().equals("reset")) { // RESET ends a transaction instead of joining it
            Transactions.queue(args, session, reply);
            return;
        }
        run(spec, args);
    }

    /** Runs a command already known to exist with a valid argument count (also from EXEC). */
    private void run(List<byte[]> args) {
        run(service.commands().find(args.get(0)), args);
    }

    private void run(CommandSpec spec, List<byte[]> args) {
        try {
            spec.body().execute(new Call(args, session, reply, service, this));
        } catch (RespException e) {
            reply.error(e.getMessage());
        }
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

    /** Runs the commands that waited (for writability or a blocking pop), then reads again. */
    private void drainBacklog() {
        while (!backlog.isEmpty() && ctx.channel().isWritable() && ctx.channel().isActive() && parked == null) {
            process(ctx, backlog.poll());
        }
        buffer.flush();
        if (backlog.isEmpty() && !closing && parked == null) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void park(List<byte[]> keys, long timeoutMillis, java.util.function.BooleanSupplier attempt,
                     Runnable onTimeout) {
        Parked waiting = new Parked(keys, session.db, attempt, onTimeout);
        parked = waiting;
        ctx.channel().config().setAutoRead(false);
        service.blocking().park(waiting, session.db, keys);
        if (timeoutMillis > 0) {
            waiting.timeout = ctx.executor().schedule(waiting::expire, timeoutMillis,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        waiting.wake(); // a push may have landed between the failed attempt and parking
    }

    /** A blocking pop in progress on this connection. */
    private final class Parked implements BlockingPops.Waiter {
        private final List<byte[]> keys;
        private final int db;
        private final java.util.function.BooleanSupplier attempt;
        private final Runnable onTimeout;
        private java.util.concurrent.ScheduledFuture<?> timeout;

        Parked(List<byte[]> keys, int db, java.util.function.BooleanSupplier attempt, Runnable onTimeout) {
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
                service.blocking().signalAll(db, keys); // gone already: the next waiter's turn
            } else if (attempt.getAsBoolean()) {
                finish();
            }
        }

        private void expire() {
            if (parked == this) {
                onTimeout.run();
                finish();
            }
        }

        private void finish() {
            cancel();
            buffer.flush();
            drainBacklog();
        }

        /** Leaves the wait lists (the next waiter gets a turn); the connection takes commands again. */
        void cancel() {
            parked = null;
            service.blocking().unpark(this, db, keys);
            if (timeout != null) {
                timeout.cancel(false);
            }
            service.blocking().signalAll(db, keys);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (parked != null) {
            parked.cancel();
        }
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
