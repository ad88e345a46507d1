package dev.depot.server.memcached.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import dev.depot.config.DepotConfig;
import dev.depot.server.DepotServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Side-by-side behaviour check: every case of {@code src/test/resources/conformance/memcached/*.case}
 * (format: {@link CaseFile}) is sent, on a fresh connection, to a real memcached 1.6 started by this
 * test and to the server under test, and the two reply streams are compared byte for byte after
 * {@link ReplyNormalizer} (CAS numbers and clock-dependent seconds only). Connection close is part of
 * the compared behaviour. A case's reply is complete when the server has been quiet for 150 ms
 * after the last write (see {@link WireSession}); cases run 8 at a time on disjoint keys, files
 * marked {@code @isolated} (flush_all) afterwards, alone. If one side's reply is a strict prefix of
 * the other's (a server that stalled past the quiet period on a loaded machine), the case is played
 * once more with fresh keys and a 600 ms quiet period before it is judged.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code depot.conformance.target}: {@code depot} (default, Depot in-process) or
 *       {@code memcached} (a second memcached: checks the corpus itself is deterministic);
 *   <li>{@code depot.conformance.only}: a regex; only cases whose {@code file/name} matches run;
 *   <li>{@code depot.conformance.memcached}: path of the memcached binary (default: PATH).
 * </ul>
 * Every run writes {@code target/conformance/replies.txt}: each case's script and both raw replies.
 */
class MemcachedConformanceTest {

    private static final String CORPUS = "conformance/memcached";
    private static final long QUIET_MILLIS = 150;
    private static final long RETRY_QUIET_MILLIS = 600;
    private static final long CASE_CAP_MILLIS = 20_000;
    private static final int PARALLEL_CASES = 8;

    private static ReferenceMemcached reference;
    private static AutoCloseable target;
    private static int targetPort;
    private static String targetName;
    private static ExecutorService casePool;
    private static ExecutorService sessionPool;
    private static final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private static final List<CaseFile.Case> allCases = new ArrayList<>();
    /** Each corpus file's name and text by file stem, to re-parse a case with fresh keys. */
    private static final Map<String, String[]> sources = new ConcurrentHashMap<>();

    /** Both raw replies; {@code firstTry} is set when this is a retry after a truncated-looking diff. */
    private record Outcome(byte[] reference, byte[] target, Outcome firstTry) {
        boolean same() {
            return WireDiff.firstDifference(ReplyNormalizer.normalize(reference), ReplyNormalizer.normalize(target)) < 0;
        }

        /** One normalised stream is a proper prefix of the other: what a slow server looks like. */
        boolean looksTruncated() {
            byte[] a = ReplyNormalizer.normalize(reference);
            byte[] b = ReplyNormalizer.normalize(target);
            return WireDiff.firstDifference(a, b) == Math.min(a.length, b.length);
        }
    }

    @BeforeAll
    static void startServers() throws Exception {
        String mode = System.getProperty("depot.conformance.target",
                System.getenv().getOrDefault("DEPOT_CONFORMANCE_TARGET", "depot"));
        reference = ReferenceMemcached.start();
        String version = reference.version();
        if (!version.equals("VERSION 1.6.18")) {
            throw new IllegalStateException("the conformance corpus is written against memcached 1.6.18, but "
                    + "the memcached on PATH answers '" + version + "'");
        }
        switch (mode) {
            case "memcached" -> {
                ReferenceMemcached second = ReferenceMemcached.start();
                target = second;
                targetPort = second.port();
                targetName = "memcached#2";
            }
            case "depot" -> {
                targetPort = ReferenceMemcached.freePort();
                DepotConfig config = DepotConfig.defaults()
                        .withPorts(targetPort, 0, 0)
                        .withMaxMemory(64L << 20)
                        .withMaxItemSize(1 << 20);
                target = DepotServer.start(withTempDataDir(config));
                targetName = "depot";
            }
            default -> throw new IllegalArgumentException(
                    "depot.conformance.target must be 'depot' or 'memcached', not '" + mode + "'");
        }
        warmUp(reference.port(), 3);
        warmUp(targetPort, 30);
        casePool = Executors.newFixedThreadPool(PARALLEL_CASES, r -> {
            Thread t = new Thread(r, "conformance-case");
            t.setDaemon(true);
            return t;
        });
        sessionPool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "conformance-session");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Depot's data directory defaults to ./data; when DepotConfig offers {@code withDataDir(Path)}
     * the test points it at a fresh temporary directory instead (looked up reflectively so this
     * test compiles whether or not that method exists yet).
     */
    private static DepotConfig withTempDataDir(DepotConfig config) throws Exception {
        java.lang.reflect.Method m;
        try {
            m = DepotConfig.class.getMethod("withDataDir", Path.class);
        } catch (NoSuchMethodException absent) {
            return config;
        }
        return (DepotConfig) m.invoke(config, Files.createTempDirectory("depot-conformance-"));
    }

    /**
     * A few complete request/reply round trips on fresh connections before the cases start, so
     * the first cases do not measure a cold server (JIT, class loading, lazily started threads).
     */
    private static void warmUp(int port, int connections) throws IOException {
        byte[] request = ("version\r\nset conformance_warmup 0 0 1\r\nx\r\nget conformance_warmup\r\n"
                + "mg conformance_warmup v\r\nmn\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < connections; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(15_000);
                s.getOutputStream().write(request);
                InputStream in = s.getInputStream();
                StringBuilder got = new StringBuilder();
                while (!got.toString().endsWith("MN\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        throw new IOException("server on port " + port + " closed during warm-up; got: " + got);
                    }
                    got.append((char) b);
                }
            }
        }
    }

    @AfterAll
    static void stopServers() throws Exception {
        try {
            writeReport();
        } finally {
            if (casePool != null) {
                casePool.shutdownNow();
                sessionPool.shutdownNow();
            }
            try {
                if (target != null) {
                    target.close();
                }
            } finally {
                if (reference != null) {
                    reference.close();
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicNode> memcachedConformance() throws IOException {
        Map<String, List<CaseFile.Case>> files = loadCorpus();
        String only = System.getProperty("depot.conformance.only", "");
        Pattern filter = only.isBlank() ? null : Pattern.compile(only);

        // Non-isolated cases use disjoint keys, so they run concurrently (PARALLEL_CASES at a time);
        // files marked @isolated (flush_all) run afterwards, alone and in order.
        Map<CaseFile.Case, CompletableFuture<Outcome>> futures = new LinkedHashMap<>();
        List<CompletableFuture<Outcome>> shared = new ArrayList<>();
        List<CaseFile.Case> isolated = new ArrayList<>();
        for (List<CaseFile.Case> cases : files.values()) {
            for (CaseFile.Case c : cases) {
                if (filter != null && !filter.matcher(c.displayName()).find()) {
                    continue;
                }
                allCases.add(c);
                if (c.isolated()) {
                    isolated.add(c);
                    continue;
                }
                CompletableFuture<Outcome> f = CompletableFuture.supplyAsync(() -> play(c), casePool);
                futures.put(c, f);
                shared.add(f);
            }
        }
        CompletableFuture<Void> previous = CompletableFuture.allOf(shared.toArray(CompletableFuture[]::new))
                .handle((v, e) -> null);
        for (CaseFile.Case c : isolated) {
            CompletableFuture<Outcome> f = previous.thenApplyAsync(v -> play(c), casePool);
            futures.put(c, f);
            previous = f.handle((v, e) -> null);
        }

        List<DynamicNode> containers = new ArrayList<>();
        for (Map.Entry<String, List<CaseFile.Case>> file : files.entrySet()) {
            List<DynamicTest> tests = new ArrayList<>();
            for (CaseFile.Case c : file.getValue()) {
                CompletableFuture<Outcome> f = futures.get(c);
                if (f != null) {
                    tests.add(DynamicTest.dynamicTest(c.name(), () -> check(c, f)));
                }
            }
            if (!tests.isEmpty()) {
                containers.add(DynamicContainer.dynamicContainer(file.getKey(), tests));
            }
        }
        if (containers.isEmpty()) {
            fail("no conformance cases" + (filter == null ? "" : " match " + only));
        }
        return containers.stream();
    }

    /**
     * Plays a case on both servers at once. When the replies differ only in that one is a proper
     * prefix of the other (what a server stalled for longer than the quiet period looks like on a
     * loaded machine), the case is played once more with fresh keys and a longer quiet period, and
     * that second outcome is the one compared (the failure report then shows both).
     */
    private static Outcome play(CaseFile.Case c) {
        Outcome o = playBoth(c, QUIET_MILLIS, null);
        if (!o.same() && o.looksTruncated()) {
            o = playBoth(reparse(c), RETRY_QUIET_MILLIS, o);
        }
        outcomes.put(c.displayName(), o);
        return o;
    }

    private static Outcome playBoth(CaseFile.Case c, long quiet, Outcome firstTry) {
        CompletableFuture<byte[]> other = CompletableFuture.supplyAsync(() -> playOn(c, targetPort, quiet), sessionPool);
        byte[] ref = playOn(c, reference.port(), quiet);
        return new Outcome(ref, other.join(), firstTry);
    }

    private static CaseFile.Case reparse(CaseFile.Case c) {
        String[] src = sources.get(c.file());
        int runId = ThreadLocalRandom.current().nextInt(1_000_000);
        return CaseFile.parse(src[0], src[1], runId, c.number() - indexInFile(c)).stream()
                .filter(x -> x.name().equals(c.name()))
                .findFirst()
                .orElseThrow();
    }

    private static int indexInFile(CaseFile.Case c) {
        String[] src = sources.get(c.file());
        List<CaseFile.Case> all = CaseFile.parse(src[0], src[1], 0, 0);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).name().equals(c.name())) {
                return i;
            }
        }
        throw new IllegalStateException(c.displayName());
    }

    private static byte[] playOn(CaseFile.Case c, int port, long quiet) {
        try {
            return WireSession.play(c, port, quiet, CASE_CAP_MILLIS);
        } catch (IOException e) {
            return ("<connect failed: " + e + ">").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static void check(CaseFile.Case c, CompletableFuture<Outcome> f) throws Exception {
        Outcome o = f.get(CASE_CAP_MILLIS * 3 + 60_000, TimeUnit.MILLISECONDS);
        if (!o.same()) {
            String first = "";
            if (o.firstTry() != null) {
                first = "\n==== first try (before the retry with a longer quiet period) ====\n"
                        + WireDiff.describe("memcached", ReplyNormalizer.normalize(o.firstTry().reference()),
                                targetName, ReplyNormalizer.normalize(o.firstTry().target()));
            }
            fail("case " + c.displayName() + ": " + targetName + " replied differently from memcached "
                    + "(normalised streams)\n---- sent ----\n" + c.source()
                    + WireDiff.describe("memcached", ReplyNormalizer.normalize(o.reference()),
                            targetName, ReplyNormalizer.normalize(o.target()))
                    + first);
        }
    }

    private static Map<String, List<CaseFile.Case>> loadCorpus() throws IOException {
        // Prefer the source directory (surefire runs in the module directory), so a case file that
        // was renamed or deleted does not linger as a stale copy in target/test-classes.
        Path dir = Path.of("src", "test", "resources").resolve(CORPUS);
        if (!Files.isDirectory(dir)) {
            URL url = MemcachedConformanceTest.class.getClassLoader().getResource(CORPUS);
            if (url == null) {
                throw new IllegalStateException("corpus directory " + CORPUS + " is not on the test classpath");
            }
            try {
                dir = Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        List<Path> paths;
        try (Stream<Path> s = Files.list(dir)) {
            paths = s.filter(p -> p.getFileName().toString().endsWith(".case"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
        int runId = ThreadLocalRandom.current().nextInt(1_000_000);
        AtomicInteger next = new AtomicInteger(1);
        Map<String, List<CaseFile.Case>> files = new LinkedHashMap<>();
        for (Path p : paths) {
            String name = p.getFileName().toString();
            String text = Files.readString(p, StandardCharsets.ISO_8859_1);
            List<CaseFile.Case> cases = CaseFile.parse(name, text, runId, next.get());
            next.addAndGet(cases.size());
            if (!cases.isEmpty()) {
                files.put(cases.get(0).file(), cases);
                sources.put(cases.get(0).file(), new String[] {name, text});
            }
        }
        return files;
    }

    /** Writes every case's script and both raw replies to target/conformance/replies.txt. */
    private static void writeReport() {
        if (allCases.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# memcached conformance: reference memcached vs ").append(targetName)
                .append(" (raw replies, before normalisation)\n\n");
        for (CaseFile.Case c : allCases) {
            Outcome o = outcomes.get(c.displayName());
            sb.append("=== ").append(c.displayName()).append('\n').append(c.source());
            if (o == null) {
                sb.append("(not run)\n\n");
                continue;
            }
            boolean same = o.same();
            if (o.firstTry() != null) {
                sb.append("(retried with fresh keys and a ").append(RETRY_QUIET_MILLIS)
                        .append(" ms quiet period; the first try differed by truncation)\n");
            }
            sb.append(">>> memcached:\n").append(WireDiff.escape(o.reference())).append('\n');
            if (same) {
                sb.append(">>> ").append(targetName).append(": same\n\n");
            } else {
                sb.append(">>> ").append(targetName).append(": DIFFERENT\n")
                        .append(WireDiff.escape(o.target())).append("\n\n");
            }
        }
        try {
            Path out = Path.of("target", "conformance");
            Files.createDirectories(out);
            Files.writeString(out.resolve("replies.txt"), sb.toString(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
