package dev.depot.server.resp;

import dev.depot.config.DepotConfig;
import dev.depot.server.resp.meta.CommandCatalog;
import dev.depot.server.resp.meta.CommandMeta;
import dev.depot.storage.keyspace.Databases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/compatibility-redis.md tells users which commands work: its command table must agree with
 * the command table the daemon serves, and list every Redis 7.0 command of the groups it covers.
 */
class RedisCompatibilityDocTest {
    private static final Path DOC = Path.of("docs", "compatibility-redis.md");
    /** | group | `COMMAND` | status | notes | */
    private static final Pattern ROW = Pattern.compile(
            "\\| ([a-z-]+) \\| `([A-Z_|-]+)` \\| (supported|partial|not supported) \\|(.*)\\|");
    /** The Redis groups the page covers, in its order. */
    private static final List<String> GROUPS = List.of("generic", "string", "bitmap", "hash", "list", "set",
            "sorted-set", "pubsub", "transactions", "connection", "server");

    /** A row of the table. */
    record Row(String group, String command, String status, String notes) {
        boolean implemented() {
            return !status.equals("not supported");
        }
    }

    private static Map<String, Row> rows;
    private static Set<String> implemented;

    @BeforeAll
    static void load() throws IOException {
        rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(findDoc())) {
            if (!line.startsWith("| ") || line.startsWith("| group ") || line.startsWith("| ---")) {
                continue;
            }
            Matcher m = ROW.matcher(line);
            assertTrue(m.matches(), () -> "not a `| group | `COMMAND` | status | notes |` row: " + line);
            Row row = new Row(m.group(1), m.group(2).toLowerCase(Locale.ROOT), m.group(3), m.group(4).trim());
            assertFalse(rows.containsKey(row.command()), () -> "documented twice: " + row.command());
            rows.put(row.command(), row);
        }
        RespService service = TestServices.standalone(64 << 20);
        implemented = service.commands().all().stream().map(CommandSpec::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The page sits at the repository root; tests run in the module directory. */
    private static Path findDoc() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(DOC))) {
                return dir.resolve(DOC);
            }
        }
        throw new AssertionError(DOC + " not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void everyImplementedCommandIsDocumentedAsWorking() {
        List<String> wrong = new ArrayList<>();
        for (String name : implemented) {
            Row row = rows.get(name);
            if (row == null || !row.implemented()) {
                wrong.add(name + (row == null ? " (no row)" : " (documented " + row.status() + ")"));
            }
        }
        assertEquals(List.of(), wrong, "implemented, but not documented as supported or partial");
    }

    @Test
    void everyCommandDocumentedAsWorkingIsImplemented() {
        List<String> wrong = rows.values().stream().filter(Row::implemented).map(Row::command)
                .filter(name -> !implemented.contains(name)).toList();
        assertEquals(List.of(), wrong, "documented as supported or partial, but not in the command table");
    }

    @Test
    void partialRowsSayWhatIsMissing() {
        List<String> silent = rows.values().stream().filter(r -> r.status().equals("partial") && r.notes().isEmpty())
                .map(Row::command).toList();
        assertEquals(List.of(), silent, "partial without notes");
    }

    @Test
    void everyRedisCommandOfTheCoveredGroupsHasItsRowInItsGroup() {
        List<String> missing = new ArrayList<>();
        List<String> misplaced = new ArrayList<>();
        for (CommandMeta command : CommandCatalog.standard().all()) {
            String group = command.docs().group();
            Row row = rows.get(command.name());
            if (row == null && GROUPS.contains(group)) {
                missing.add(command.name());
            } else if (row != null && !row.group().equals(group)) {
                misplaced.add(command.name() + " is in Redis's group " + group + ", documented in " + row.group());
            }
        }
        assertEquals(List.of(), missing, "Redis 7.0 commands of the covered groups without a row");
        assertEquals(List.of(), misplaced);
        List<String> unknown = rows.keySet().stream().filter(n -> CommandCatalog.standard().find(n).isEmpty()).toList();
        assertEquals(List.of(), unknown, "rows for commands Redis 7.0 does not have");
    }

    @Test
    void rowsFollowRedissGroupOrder() {
        List<String> groupsInOrder = rows.values().stream().map(Row::group).distinct().toList();
        assertEquals(GROUPS, groupsInOrder);
    }
}
