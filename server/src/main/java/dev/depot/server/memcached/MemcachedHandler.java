package dev.depot.server.memcached;

import dev.depot.protocol.memcached.MemcachedCommand;
import dev.depot.protocol.memcached.MemcachedCommand.*;
import dev.depot.protocol.memcached.MemcachedReplies;
import dev.depot.server.net.ReplyBuffer;
import dev.depot.storage.keyspace.Slot;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Executes the classic memcached commands of one connection and writes their replies; meta
 * commands go to {@link MetaCommands}, stats to {@link StatsReport}. Replies of one read batch
 * leave in one flush. Runs on the connection's event loop and never blocks.
 */
final class MemcachedHandler extends ChannelInboundHandlerAdapter {
    private final MemcachedService service;
    private final ItemStore store;
    private final MemcachedStats stats;
    /**
     * memcached writes its reply queue after 20 requests of one read event, after every
     * get-family command and after mn. What has not been written yet can still be dropped by a
     * get with a bad key, so Depot keeps the same commit points.
     */
    private static final int REQUESTS_PER_EVENT = 20;

    private final long[] casOut = new long[1];
    /**
     * Commands decoded while the client was not reading its replies. memcached stops handling a
     * connection's input once it cannot write; so does Depot, even in the middle of one read,
     * so a client that pipelines gets without reading holds at most one read's worth of commands
     * and the channel's high-water mark of replies.
     */
    private final ArrayDeque<MemcachedCommand> backlog = new ArrayDeque<>();
    private int requestsThisRead;
    private ReplyBuffer replies;
    private MetaCommands meta;

    MemcachedHandler(MemcachedService service) {
        this.service = service;
        this.store = service.store();
        this.stats = store.stats();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        replies = new ReplyBuffer(ctx);
        meta = new MetaCommands(store, replies);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        MemcachedCommand command = (MemcachedCommand) msg;
        if (!backlog.isEmpty() || !ctx.channel().isWritable()) {
            backlog.add(command);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        process(ctx, command);
    }

    private void process(ChannelHandlerContext ctx, MemcachedCommand command) {
        execute(ctx, command);
        if (++requestsThisRead % REQUESTS_PER_EVENT == 1 && requestsThisRead > 1) {
            replies.commit();
        }
    }

    private void execute(ChannelHandlerContext ctx, MemcachedCommand command) {
        if (command instanceof Get get) {
            get(get);
            replies.commit();
        } else if (command instanceof RejectedGet) {
            replies.dropUncommitted();
            reply("CLIENT_ERROR bad command line format", false);
            replies.commit();
        } else if (command instanceof Store s) {
            StoreOutcome outcome = store.store(new ItemStore.StoreRequest(s.mode(), s.key(), s.data(), s.flags(),
                    s.exptime(), s.cas(), false, false), casOut);
            reply(outcome.classic, s.noreply());
        } else if (command instanceof Reply r) {
            reply(r.line(), false);
        } else if (command instanceof Delete d) {
            reply(store.delete(d.key()) ? "DELETED" : "NOT_FOUND", d.noreply());
        } else if (command instanceof Arithmetic a) {
            arithmetic(a);
        } else if (command instanceof Touch t) {
            reply(store.touch(t.key(), t.exptime()) ? "TOUCHED" : "NOT_FOUND", t.noreply());
        } else if (command instanceof StoreTooLarge tooLarge) {
            stats.cmdSet.increment();
            stats.storeTooLarge.increment();
            if (tooLarge.dropExisting()) {
                store.drop(tooLarge.key());
            }
            reply("SERVER_ERROR object too large for cache", tooLarge.noreply());
        } else if (command instanceof MetaGet || command instanceof MetaSet || command instanceof MetaDelete
                || command instanceof MetaArithmetic || command instanceof MetaDebug || command instanceof MetaNoop) {
            stats.cmdMeta.increment();
            meta.execute(command);
            if (command instanceof MetaNoop) {
                replies.commit();
            }
        } else if (command instanceof FlushAll f) {
            stats.cmdFlush.increment();
            service.flushAll(f.delay());
            reply("OK", f.noreply());
        } else if (command instanceof Stats s) {
            service.statsReport().write(s.args(), replies.out());
        } else if (command instanceof Version) {
            reply("VERSION " + MemcachedService.VERSION, false);
        } else if (command instanceof Verbosity v) {
            reply("OK", v.noreply());
        } else if (command instanceof CacheMemlimit m) {
            reply(service.setMemoryLimit(m.megabytes()), m.noreply());
        } else if (command instanceof Shutdown) {
            reply("ERROR: shutdown not enabled", false);
        } else if (command instanceof Quit) {
            replies.flush();
            ctx.close();
        }
    }

    private void reply(String line, boolean noreply) {
        if (!noreply) {
            MemcachedReplies.line(replies.out(), line);
        }
    }

    private void get(Get get) {
        for (byte[] key : get.keys()) {
            stats.cmdGet.increment();
            if (get.touch()) {
                stats.cmdTouch.increment();
            }
            // The header is written under the shard lock; the value leaves by reference after it.
            byte[] backing = store.keyspace().execute(key, slot -> {
                if (!slot.isString()) {
                    return null;
                }
                if (get.touch()) {
                    slot.setExpiresAt(store.expiresAt(get.exptime(), slot.nowMillis()));
                }
                slot.markFetched();
                MemcachedReplies.valueHeader(replies.out(), key, slot.flags(), slot.stringLength(), slot.cas(),
                        get.withCas());
                return slot.stringBacking();
            });
            if (backing == null) {
                stats.getMisses.increment();
                if (get.touch()) {
                    stats.touchMisses.increment();
                }
                continue;
            }
            stats.getHits.increment();
            if (get.touch()) {
                stats.touchHits.increment();
            }
            int offset = Slot.valueOffset(backing);
            replies.bytes(backing, offset, backing.length - offset);
            MemcachedReplies.crlf(replies.out());
        }
        MemcachedReplies.line(replies.out(), "END");
    }

    private void arithmetic(Arithmetic a) {
        ItemStore.Delta result = store.arithmetic(a.key(), a.incr(), a.delta(), 0);
        if (result instanceof ItemStore.Delta.Done done) {
            if (!a.noreply()) {
                ByteBuf out = replies.out();
                MemcachedReplies.unsigned(out, done.value());
                MemcachedReplies.crlf(out);
            }
        } else if (result == ItemStore.NON_NUMERIC) {
            reply("CLIENT_ERROR cannot increment or decrement non-numeric value", a.noreply());
        } else {
            reply("NOT_FOUND", a.noreply());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        requestsThisRead = 0;
        replies.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // A client that does not read its replies stops being read from, so memory stays bounded.
        if (ctx.channel().isWritable()) {
            while (!backlog.isEmpty() && ctx.channel().isWritable() && ctx.channel().isActive()) {
                process(ctx, backlog.poll());
            }
            replies.flush();
            if (backlog.isEmpty()) {
                ctx.channel().config().setAutoRead(true);
            }
        } else {
            ctx.channel().config().setAutoRead(false);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        backlog.clear();
        replies.discard();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            MemcachedService.LOG.warn("closing memcached connection {} after an internal error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
