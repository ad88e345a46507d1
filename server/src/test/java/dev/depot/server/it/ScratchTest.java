package dev.depot.server.it;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

class ScratchTest {
    static long netty() {
        var m = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
        return (m.usedDirectMemory() + m.usedHeapMemory()) >> 20;
    }

    @Test
    void leakOrPool() throws Exception {
        System.out.println("allocator " + ByteBufAllocator.DEFAULT);
        try (TestDaemon d = TestDaemon.start(); RawClient other = d.connect()) {
            byte[] big = new byte[100 * 1024];
            Arrays.fill(big, (byte) 'b');
            other.send("set big 0 0 " + big.length + "\r\n").send(big).send("\r\n");
            other.expect("STORED\r\n");
            byte[] gets = "get big\r\n".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
            for (int round = 0; round < 6; round++) {
                Socket slow = new Socket();
                slow.setReceiveBufferSize(4096);
                slow.connect(d.address());
                Thread w = new Thread(() -> { try { slow.getOutputStream().write(gets); } catch (Exception e) { } });
                w.setDaemon(true);
                w.start();
                long t0 = System.currentTimeMillis();
                while (System.currentTimeMillis() - t0 < 1500) Thread.sleep(100);
                System.out.printf("round %d stalled: cmd_get %s netty %d MB%n", round, other.stats("").get("cmd_get"), netty());
                slow.setSoLinger(true, 0);
                slow.close();
                t0 = System.currentTimeMillis();
                while (System.currentTimeMillis() - t0 < 1500) Thread.sleep(100);
                System.out.printf("round %d closed: cmd_get %s netty %d MB conns %s%n", round, other.stats("").get("cmd_get"), netty(), other.stats("").get("curr_connections"));
            }
        }
    }
}
