package dev.depot.server.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.TimeUnit;

/**
 * The event loops every listener shares: one acceptor thread and a worker group sized by
 * {@code --threads}. Native epoll when the platform has it, NIO otherwise.
 */
public final class Transport implements AutoCloseable {
    private final String name;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Class<? extends ServerChannel> serverChannel;

    private Transport(String name, IoHandlerFactory factory, Class<? extends ServerChannel> serverChannel, int threads) {
        this.name = name;
        this.serverChannel = serverChannel;
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("depot-accept"), factory);
        this.workers = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("depot-io"), factory);
    }

    public static Transport create(int threads) {
        if (Epoll.isAvailable()) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class, threads);
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, threads);
    }

    /** "epoll" or "nio", for the log. */
    public String name() {
        return name;
    }

    /** Why epoll is not used, or null when it is. */
    public static Throwable epollUnavailabilityCause() {
        return Epoll.isAvailable() ? null : Epoll.unavailabilityCause();
    }

    public EventLoopGroup boss() {
        return boss;
    }

    public EventLoopGroup workers() {
        return workers;
    }

    public Class<? extends ServerChannel> serverChannel() {
        return serverChannel;
    }

    @Override
    public void close() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        boss.terminationFuture().syncUninterruptibly();
        workers.terminationFuture().syncUninterruptibly();
    }
}
