package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.depot.server.it.resp.RespConnection.NIL;
import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.bulk;
import static dev.depot.server.it.resp.RespConnection.encode;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.num;
import static dev.depot.server.it.resp.RespConnection.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The request protocol: inline commands, malformed requests, split and pipelined requests. */
class RespProtocolTest extends RespTestBase {

    @Test
    void inlineCommandsAsTypedInTelnet() {
        redis.sendRaw("SET a b\r\n").expectBytes(OK);
        redis.sendRaw("GET a\r\n").expectBytes(bulk("b"));
        redis.sendRaw("  get   a  \r\n").expectBytes(bulk("b"));
        redis.sendRaw("GET a\n").expectBytes(bulk("b")); // a bare LF ends the line too
        redis.sendRaw("\r\n\r\nPING\r\n").expectBytes("+PONG\r\n"); // empty lines are skipped
        redis.sendRaw("set k \"hello world\"\r\n").expectBytes(OK);
        redis.sendRaw("get k\r\n").expectBytes(bulk("hello world"));
        redis.sendRaw("set k \"\\x41\\x42\\tc\\n\\\\\"\r\n").expectBytes(OK);
        redis.expect(bulk("AB\tc\n\\"), "GET", "k");
        redis.sendRaw("set k 'it\\'s'\r\n").expectBytes(OK);
        redis.expect(bulk("it's"), "GET", "k");
        redis.sendRaw("set k \"\"\r\n").expectBytes(OK);
        redis.expect(RespConnection.EMPTY, "GET", "k");
        redis.sendRaw("FOO bar\r\n").expectBytes(err("ERR unknown command 'FOO', with args beginning with: 'bar' "));
        redis.sendRaw("GET\r\n").expectBytes(RespConnection.arity("get"));
        // several inline commands in one write, mixed with a multibulk
        redis.sendRaw("INCR n\r\nINCR n\r\n*2\r\n$4\r\nINCR\r\n$1\r\nn\r\nGET n\r\n")
                .expectBytes(num(1) + num(2) + num(3) + bulk("3"));
    }

    @Test
    void unbalancedQuotesCloseTheConnection() {
        redis.sendRaw("PING\r\nset k \"unbalanced\r\nPING\r\n");
        redis.expectBytes("+PONG\r\n" + err("ERR Protocol error: unbalanced quotes in request"));
        redis.expectClosed();
    }

    @Test
    void invalidMultibulkLengthClosesTheConnection() {
        redis.sendRaw("*abc\r\n");
        redis.expectBytes(err("ERR Protocol error: invalid multibulk length"));
        redis.expectClosed();
        // what came before is answered first, what comes after is never run
        try (RespConnection c = daemon.connect()) {
            c.sendRaw("SET x 1\r\n*abc\r\nSET y 2\r\n");
            c.expectBytes(OK + err("ERR Protocol error: invalid multibulk length"));
            c.expectClosed();
        }
        try (RespConnection c = daemon.connect()) {
            c.expect(num(0), "EXISTS", "y");
            c.expect(num(1), "EXISTS", "x");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "*3000000000\\r\\n | invalid multibulk length",
            "*1x\\r\\n | invalid multibulk length",
            "*1\\r\\n$x\\r\\n | invalid bulk length",
            "*1\\r\\n$-1\\r\\n | invalid bulk length",
            "*1\\r\\n$600000000\\r\\n | invalid bulk length",
            "*2\\r\\n$4\\r\\nECHO\\r\\n$-5\\r\\n | invalid bulk length",
            "*1\\r\\nPING\\r\\n | expected '$', got 'P'",
            "*2\\r\\n$4\\r\\nECHO\\r\\n:1\\r\\n | expected '$', got ':'",
    })
    void protocolErrors(String request, String reason) {
        redis.sendRaw(request.replace("\\r\\n", "\r\n"));
        redis.expectBytes(err("ERR Protocol error: " + reason));
        redis.expectClosed();
    }

    /** Lines without an ending may grow to 64 KB; beyond that the request is refused. */
    @ParameterizedTest(name = "{0} and 70,000 more bytes")
    @CsvSource(delimiter = '|', value = {
            "'' | x | too big inline request",
            "* | 1 | too big mbulk count string",
            "*1\\r\\n$ | 1 | too big bulk count string",
    })
    void linesTooLong(String start, String filler, String reason) {
        redis.sendRaw(start.replace("\\r\\n", "\r\n") + filler.repeat(70_000));
        redis.expectBytes(err("ERR Protocol error: " + reason));
        redis.expectClosed();
    }

    @Test
    void closingQuoteMustEndTheArgument() {
        redis.sendRaw("set k \"a\"b\r\n");
        redis.expectBytes(err("ERR Protocol error: unbalanced quotes in request"));
        redis.expectClosed();
        try (RespConnection c = daemon.connect()) {
            c.sendRaw("set k 'a'b\r\n");
            c.expectBytes(err("ERR Protocol error: unbalanced quotes in request"));
            c.expectClosed();
        }
    }

    /** Redis skips the two bytes after a bulk unchecked, and so must a compatible server. */
    @Test
    void bulkTerminatorIsNotChecked() {
        redis.sendRaw("*2\r\n$4\r\nECHO\r\n$3\r\nabcXY*1\r\n$4\r\nPING\r\n");
        redis.expectBytes(bulk("abc") + "+PONG\r\n");
        redis.sendRaw("SET k \"\\x4\"\r\nGET k\r\n"); // not a complete \xHH escape: taken as it is
        redis.expectBytes(OK + bulk("x4"));
        redis.sendRaw("SET k \"a\\qb\"\r\nGET k\r\n");
        redis.expectBytes(OK + bulk("aqb"));
    }

    @Test
    void emptyAndNegativeMultibulksAreIgnored() {
        redis.sendRaw("*0\r\n*-1\r\n*-5\r\nPING\r\n").expectBytes("+PONG\r\n");
        redis.sendRaw("*1\r\n$0\r\n\r\n").expectBytes(err("ERR unknown command '', with args beginning with: "));
        redis.expect("+PONG\r\n", "PING");
    }

    @Test
    void requestsSplitAnywhere() {
        byte[] request = encode("SET", "split", "value with spaces");
        for (byte b : request) {
            redis.sendRaw(new byte[] {b});
        }
        redis.expectBytes(OK);
        redis.sendRaw("*2\r\n$3\r\nGE");
        redis.sendRaw("T\r\n$5\r\nspl");
        redis.sendRaw("it\r\n");
        redis.expectBytes(bulk("value with spaces"));
        redis.sendRaw("GET sp");
        redis.sendRaw("lit\r");
        redis.sendRaw("\n");
        redis.expectBytes(bulk("value with spaces"));
        // a large argument in small pieces
        String big = "0123456789".repeat(20_000);
        byte[] set = encode("SET", "big", big);
        for (int i = 0; i < set.length; i += 7_000) {
            redis.sendRaw(java.util.Arrays.copyOfRange(set, i, Math.min(set.length, i + 7_000)));
        }
        redis.expectBytes(OK);
        redis.expect(num(big.length()), "STRLEN", "big");
    }

    /** 10,000 commands in one write, answered in order. */
    @Test
    void pipelineOfTenThousandCommands() throws Exception {
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        long counter = 0;
        for (int i = 0; i < 10_000; i++) {
            switch (i % 5) {
                case 0 -> {
                    requests.writeBytes(encode("SET", "key:" + i, "value:" + i));
                    expected.add(OK);
                }
                case 1 -> {
                    requests.writeBytes(encode("GET", "key:" + (i - 1)));
                    expected.add(bulk("value:" + (i - 1)));
                }
                case 2 -> {
                    requests.writeBytes(encode("INCR", "counter"));
                    expected.add(num(++counter));
                }
                case 3 -> {
                    requests.writeBytes(("EXISTS key:" + (i - 3) + " missing\r\n").getBytes(StandardCharsets.US_ASCII));
                    expected.add(num(1));
                }
                default -> {
                    requests.writeBytes(encode("GET", "missing:" + i));
                    expected.add(NIL);
                }
            }
        }
        byte[] all = requests.toByteArray();
        // written from another thread: the replies must be read while the requests are still going out
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> redis.sendRaw(all));
        for (int i = 0; i < expected.size(); i++) {
            String actual = redis.reply();
            if (!actual.equals(expected.get(i))) {
                assertEquals(printable(expected.get(i)), printable(actual), "reply " + i);
            }
        }
        writer.get(5, TimeUnit.SECONDS);
        redis.expect(bulk(Long.toString(counter)), "GET", "counter");
        String[] exists = new String[2001];
        exists[0] = "EXISTS";
        for (int i = 0; i < 2000; i++) {
            exists[i + 1] = "key:" + (i * 5);
        }
        redis.expect(num(2000), exists);
        redis.expect(num(2001), "DBSIZE");
    }
}
