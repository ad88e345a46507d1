package dev.depot.server.resp;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** How Redis writes a connection's address: {@code 127.0.0.1:50862}, {@code [::1]:50862} for IPv6. */
final class PeerAddress {
    private PeerAddress() {
    }

    static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
            int zone = host.indexOf('%'); // an IPv6 scope (fe80::1%eth0) is not part of Redis's text
            if (zone >= 0) {
                host = host.substring(0, zone);
            }
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /** The client's address ({@code addr=}). */
    static String remote(Session session) {
        return format(session.channel.remoteAddress());
    }

    /** The address the client connected to ({@code laddr=}). */
    static String local(Session session) {
        return format(session.channel.localAddress());
    }
}
