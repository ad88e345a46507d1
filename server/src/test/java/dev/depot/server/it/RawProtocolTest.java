package dev.depot.server.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The text protocol over a plain socket: framing, pipelining, limits, binary data, bad input. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RawProtocolTest {
    /** Default item size limit (1 MB) minus memcached's 59 bytes of item overhead and the key "big". */
    private static final int LARGEST_VALUE_FOR_KEY_BIG = 1024 * 1024 - 59 - 3;

    private TestDaemon daemon;

    @BeforeEach
    void start() {
        daemon = TestDaemon.start();
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void commandSplitByteByByteAcrossWrites() {
        try (RawClient c = daemon.connect()) {
            byte[] request = bytes("set split 5 0 11\r\nhello world\r\nget split\r\nincr n 1\r\ndelete split\r\n");
            for (byte b : request) {
                c.send(new byte[] {b});
            }
            c.expect("STORED\r\nVALUE split 5 11\r\nhello world\r\nEND\r\nNOT_FOUND\r\nDELETED\r\n");

            // the same with the split falling at every single position of a set, in two writes each
            byte[] set = bytes("set s 1 0 4\r\nab\r\n\r\nget s\r\n");
            for (int cut = 1; cut < set.length; cut++) {
                c.send(Arrays.copyOfRange(set, 0, cut));
                c.send(Arrays.copyOfRange(set, cut, set.length));
                c.expect("STORED\r\nVALUE s 1 4\r\nab\r\n\r\nEND\r\n");
            }
        }
    }

    @Test
    void fiveHundredPipelinedCommandsAnsweredInOrder() {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        StringBuilder expected = new StringBuilder();
        // 100 rounds of 5 commands whose replies depend on the ones before them
        for (int g = 0; g < 100; g++) {
            String key = "p" + g;
            String value = "value-" + g;
            request.writeBytes(bytes("set " + key + " " + g + " 0 " + value.length() + "\r\n" + value + "\r\n"));
            expected.append("STORED\r\n");
            request.writeBytes(bytes("append " + key + " 0 0 1\r\n!\r\n"));
            expected.append("STORED\r\n");
            request.writeBytes(bytes("incr counter " + (g + 1) + "\r\n"));
            expected.append(g == 0 ? "NOT_FOUND\r\n" : Long.toString((long) g * (g + 1) / 2 + g + 1 - 1) + "\r\n");
            request.writeBytes(bytes(g == 0 ? "add counter 0 0 1\r\n0\r\n" : "delete p" + (g - 1) + "\r\n"));
            expected.append(g == 0 ? "STORED\r\n" : "DELETED\r\n");
            request.writeBytes(bytes("get " + key + " p" + (g - 1) + "\r\n"));
            expected.append("VALUE ").append(key).append(' ').append(g).append(' ').append(value.length() + 1)
                    .append("\r\n").append(value).append("!\r\nEND\r\n");
        }
        try (RawClient c = daemon.connect()) {
            c.send(request.toByteArray());
            c.expect(expected.toString());
            c.send("get counter\r\n");
            // 2 + 3 + ... + 100 (round 0 found no counter and created it as 0)
            String total = Integer.toString(100 * 101 / 2 - 1);
            c.expect("VALUE counter 0 " + total.length() + "\r\n" + total + "\r\nEND\r\n");
        }
    }

    @Test
    void valueOverTheItemSizeLimitIsRefusedAndItsDataSwallowed() {
        try (RawClient c = daemon.connect()) {
            c.send("set big 0 0 5\r\nsmall\r\n");
            c.expect("STORED\r\n");

            // the refused data looks like commands: none of it may be executed
            byte[] data = new byte[LARGEST_VALUE_FOR_KEY_BIG + 1];
            byte[] pattern = bytes("get big\r\nset x 0 0 1\r\nx\r\n");
            for (int i = 0; i < data.length; i++) {
                data[i] = pattern[i % pattern.length];
            }
            c.send("set big 0 0 " + data.length + "\r\n");
            c.send(data);
            c.send("\r\n");
            c.expect("SERVER_ERROR object too large for cache\r\n");
            c.send("get big x\r\n");
            c.expect("END\r\n"); // a failed set also removes the old value, as in memcached
            c.send("version\r\n");
            c.expect("VERSION 1.6.18\r\n");

            // one byte less fits exactly
            byte[] largest = Arrays.copyOf(data, LARGEST_VALUE_FOR_KEY_BIG);
            c.send("set big 0 0 " + largest.length + "\r\n");
            c.send(largest);
            c.send("\r\n");
            c.expect("STORED\r\n");
            c.send("get big\r\n");
            c.expect("VALUE big 0 " + largest.length + "\r\n");
            assertArrayEquals(largest, c.read(largest.length));
            c.expect("\r\nEND\r\n");

            // non-zero flags take 4 bytes of the item, as in memcached 1.6.18
            byte[] withFlags = Arrays.copyOf(data, LARGEST_VALUE_FOR_KEY_BIG - 4);
            c.send("set big 3 0 " + (withFlags.length + 1) + "\r\n").send(Arrays.copyOf(data, withFlags.length + 1))
                    .send("\r\n");
            c.expect("SERVER_ERROR object too large for cache\r\n");
            c.send("set big 3 0 " + withFlags.length + "\r\n").send(withFlags).send("\r\n");
            c.expect("STORED\r\n");
            c.send("get big\r\n");
            c.expect("VALUE big 3 " + withFlags.length + "\r\n");
            assertArrayEquals(withFlags, c.read(withFlags.length));
            c.expect("\r\nEND\r\n");

            // far over the limit, with noreply: silently swallowed
            byte[] huge = new byte[3 * 1024 * 1024];
            Arrays.fill(huge, (byte) '\n');
            c.send("set other 0 0 " + huge.length + " noreply\r\n");
            c.send(huge);
            c.send("\r\nget other\r\n");
            c.expect("END\r\n");
            assertEquals("3", daemon.stats("").get("store_too_large"));
        }
    }

    @Test
    void valuesAreBinarySafe() {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (int i = 0; i < 256; i++) {
            value.write(i);
        }
        value.writeBytes(bytes("\r\nEND\r\n\r\nVALUE k 0 1\r\n\n\r"));
        for (int i = 255; i >= 0; i--) {
            value.write(i);
        }
        byte[] v = value.toByteArray();
        try (RawClient c = daemon.connect()) {
            c.send("set bin 4294967295 0 " + v.length + "\r\n");
            c.send(v);
            c.send("\r\n");
            c.expect("STORED\r\n");
            c.send("get bin\r\n");
            c.expect("VALUE bin 4294967295 " + v.length + "\r\n");
            assertArrayEquals(v, c.read(v.length));
            c.expect("\r\nEND\r\n");

            // a value made only of CR and LF, appended to
            c.send("set crlf 0 0 4\r\n\r\n\r\n\r\nappend crlf 0 0 2\r\n\n\r\r\nget crlf\r\n");
            c.expect("STORED\r\nSTORED\r\nVALUE crlf 0 6\r\n\r\n\r\n\n\r\r\nEND\r\n");

            // keys may hold any byte but space and control characters
            String key = "k\u00e9y-\u00ff\u0080:" + "x".repeat(240);
            c.send("set " + key + " 0 0 1\r\n1\r\nget " + key + "\r\n");
            c.expect("STORED\r\nVALUE " + key + " 0 1\r\n1\r\nEND\r\n");
        }
    }

    @Test
    void unknownAndMalformedCommands() {
        try (RawClient c = daemon.connect()) {
            c.send("foobar\r\n");
            c.expect("ERROR\r\n");
            c.send("GET k\r\n\r\nset k 0 0 abc\r\nset k abc 0 1\r\nincr k\r\nincr k x\r\nversion\r\n");
            c.expect("ERROR\r\nERROR\r\nCLIENT_ERROR bad command line format\r\n"
                    + "CLIENT_ERROR bad command line format\r\nERROR\r\n"
                    + "CLIENT_ERROR invalid numeric delta argument\r\nVERSION 1.6.18\r\n");
            c.send("get " + "k".repeat(251) + "\r\n");
            c.expect("CLIENT_ERROR bad command line format\r\n");
            c.send("set n 0 0 2\r\nab\r\nincr n 1\r\n");
            c.expect("STORED\r\nCLIENT_ERROR cannot increment or decrement non-numeric value\r\n");
        }
    }

    @Test
    void badDataChunkIsReportedAndTheConnectionStaysUsable() {
        try (RawClient c = daemon.connect()) {
            c.send("set k 0 0 3\r\nabc\r\n");
            c.expect("STORED\r\n");
            // 3 bytes announced, 5 sent: memcached reads 5 (3 + CRLF slot), finds no CRLF, and then
            // reads the rest of the line ("\r\n") as an empty command
            c.send("set k 0 0 3\r\nxyzde\r\nget k\r\n");
            c.expect("CLIENT_ERROR bad data chunk\r\nERROR\r\nVALUE k 0 3\r\nabc\r\nEND\r\n");
            c.send("set k 0 0 3\r\nxyzdefgh\r\nget k\r\n");
            c.expect("CLIENT_ERROR bad data chunk\r\nERROR\r\nVALUE k 0 3\r\nabc\r\nEND\r\n");
        }
    }

    /**
     * memcached 1.6.18: {@code set k 0 0 3 noreply\r\nabcd\r\n} stays silent about the bad chunk and
     * answers the stray {@code \n} with ERROR; the connection stays open.
     */
    @Test
    void badDataChunkUnderNoreplyKeepsTheConnection() {
        try (RawClient c = daemon.connect()) {
            c.send("set k 0 0 3\r\nabc\r\n");
            c.expect("STORED\r\n");
            c.send("set k 0 0 3 noreply\r\nabcd\r\nget k\r\n");
            c.expect("ERROR\r\nVALUE k 0 3\r\nabc\r\nEND\r\n");
        }
    }

    @Test
    void overlongLineWithoutNewlineClosesOnlyThatConnection() {
        try (RawClient bystander = daemon.connect(); RawClient offender = daemon.connect()) {
            bystander.send("set k 0 0 2\r\nok\r\n");
            bystander.expect("STORED\r\n");
            offender.send("version\r\n");
            offender.expect("VERSION 1.6.18\r\n");

            offender.send("x".repeat(3000));
            offender.expectClosed();

            bystander.send("get k\r\n");
            bystander.expect("VALUE k 0 2\r\nok\r\nEND\r\n");
            try (RawClient newcomer = daemon.connect()) {
                newcomer.send("get k\r\n");
                newcomer.expect("VALUE k 0 2\r\nok\r\nEND\r\n");
            }
        }
    }

    @Test
    void longMultiGetLineIsNotCutOff() {
        // a get line may be far longer than 2048 bytes: memcached keeps reading it
        StringBuilder get = new StringBuilder("get");
        StringBuilder expected = new StringBuilder();
        try (RawClient c = daemon.connect()) {
            c.send("set present 0 0 1\r\n1\r\n");
            c.expect("STORED\r\n");
            for (int i = 0; i < 1000; i++) {
                get.append(" missing-key-").append(i);
                if (i % 100 == 0) {
                    get.append(" present");
                    expected.append("VALUE present 0 1\r\n1\r\n");
                }
            }
            byte[] line = bytes(get + "\r\n");
            // sent in pieces so the server sees the line grow past 2048 bytes without a newline
            for (int from = 0; from < line.length; from += 1000) {
                c.send(Arrays.copyOfRange(line, from, Math.min(line.length, from + 1000)));
            }
            c.expect(expected + "END\r\n");
        }
    }

    @Test
    void quitClosesTheConnectionAfterEarlierReplies() {
        try (RawClient c = daemon.connect()) {
            c.send("set k 0 0 1\r\na\r\nget k\r\nquit\r\nget k\r\n");
            c.expect("STORED\r\nVALUE k 0 1\r\na\r\nEND\r\n");
            c.expectClosed();
        }
        try (RawClient c = daemon.connect()) {
            c.send("quit\r\n");
            c.expectClosed();
        }
    }
}
