package dev.depot.server.it.resp;

import dev.depot.server.resp.meta.CommandCatalog;
import dev.depot.server.resp.meta.CommandMeta;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.CommandListFilterByParams;
import redis.clients.jedis.resps.CommandDocument;
import redis.clients.jedis.resps.CommandInfo;
import redis.clients.jedis.util.KeyValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.depot.server.it.resp.RespConnection.arity;
import static dev.depot.server.it.resp.RespConnection.bulks;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * COMMAND and its subcommands. The byte-exact replies are redis-server 7.0.15's; where Depot's
 * own words stand in (summaries) the expectation is a pattern, so the class also passes against
 * a real Redis (see {@link RespDaemon}) except for the Depot-only tests.
 */
class RespCommandIntrospectionTest extends RespTestBase {
    private static final String GET_INFO_RESP2 = "*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n"
            + "*3\r\n+@read\r\n+@string\r\n+@fast\r\n*0\r\n*1\r\n*6\r\n$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n"
            + "$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n"
            + "$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:0\r\n"
            + "$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*0\r\n";
    private static final String GET_INFO_RESP3 = "*10\r\n$3\r\nget\r\n:2\r\n~2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n"
            + "~3\r\n+@read\r\n+@string\r\n+@fast\r\n~0\r\n~1\r\n%3\r\n$5\r\nflags\r\n~2\r\n+RO\r\n+access\r\n"
            + "$12\r\nbegin_search\r\n%2\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n%1\r\n$5\r\nindex\r\n:1\r\n"
            + "$9\r\nfind_keys\r\n%2\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n%3\r\n$7\r\nlastkey\r\n:0\r\n"
            + "$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n~0\r\n";
    /** Two key specs, the second counted (keynum): a movablekeys command. */
    private static final String ZUNIONSTORE_INFO = "*10\r\n$11\r\nzunionstore\r\n:-4\r\n*3\r\n+write\r\n+denyoom\r\n"
            + "+movablekeys\r\n:1\r\n:1\r\n:1\r\n*3\r\n+@write\r\n+@sortedset\r\n+@slow\r\n*0\r\n*2\r\n"
            + "*6\r\n$5\r\nflags\r\n*2\r\n+OW\r\n+update\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n"
            + "$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n"
            + "*6\r\n$7\r\nlastkey\r\n:0\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n"
            + "*6\r\n$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n"
            + "$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:2\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$6\r\nkeynum\r\n"
            + "$4\r\nspec\r\n*6\r\n$9\r\nkeynumidx\r\n:0\r\n$8\r\nfirstkey\r\n:1\r\n$7\r\nkeystep\r\n:1\r\n*0\r\n";
    private static final String CLIENT_ID_INFO_RESP3 = "*10\r\n$9\r\nclient|id\r\n:2\r\n~3\r\n+noscript\r\n+loading\r\n"
            + "+stale\r\n:0\r\n:0\r\n:0\r\n~2\r\n+@slow\r\n+@connection\r\n~0\r\n~0\r\n~0\r\n";
    /** Any one-line bulk string: where Depot's summary stands in for Redis's. */
    private static final String SUMMARY = "\\$\\d+\r\n[^\r\n]+\r\n";

    private void expectMatching(String pattern, String... command) {
        String reply = redis.call(command);
        assertTrue(Pattern.compile(pattern, Pattern.DOTALL).matcher(reply).matches(),
                () -> String.join(" ", command) + " answered " + printable(reply));
    }

    private static String q(String literal) {
        return Pattern.quote(literal);
    }

    @Test
    void infoAsRedisGivesIt() {
        redis.expect("*1\r\n" + GET_INFO_RESP2, "COMMAND", "INFO", "get");
        redis.expect("*2\r\n" + GET_INFO_RESP2 + ZUNIONSTORE_INFO, "command", "info", "GET", "ZunionStore");
        redis.expect("*2\r\n$-1\r\n" + GET_INFO_RESP2, "COMMAND", "INFO", "nosuch", "get");
        redis.expect("*1\r\n*10\r\n$9\r\nclient|id\r\n:2\r\n*3\r\n+noscript\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n"
                + "*2\r\n+@slow\r\n+@connection\r\n*0\r\n*0\r\n*0\r\n", "COMMAND", "INFO", "CLIENT|ID");
        redis.expect("*2\r\n$-1\r\n$-1\r\n", "COMMAND", "INFO", "client|nosuch", "get|x");
    }

    @Test
    void infoInResp3UsesSetsAndMaps() {
        redis.call("HELLO", "3");
        redis.expect("*2\r\n" + GET_INFO_RESP3 + CLIENT_ID_INFO_RESP3, "COMMAND", "INFO", "get", "client|id");
        redis.expect("*1\r\n_\r\n", "COMMAND", "INFO", "nosuch");
    }

    @Test
    void docsAsRedisGivesThem() {
        String getDocs = q("$3\r\nget\r\n") + "%s" + q("$7\r\nsummary\r\n") + SUMMARY
                + q("$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n$6\r\nstring\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n"
                + "$9\r\narguments\r\n*1\r\n") + "%s" + q("$4\r\nname\r\n$3\r\nkey\r\n$4\r\ntype\r\n$3\r\nkey\r\n"
                + "$14\r\nkey_spec_index\r\n:0\r\n");
        expectMatching(q("*2\r\n") + String.format(getDocs, q("*10\r\n"), q("*6\r\n")), "COMMAND", "DOCS", "get");
        // nested arguments: LMOVE's two oneof blocks of pure tokens
        String side = q("*2\r\n*6\r\n$4\r\nname\r\n$4\r\nleft\r\n$4\r\ntype\r\n$10\r\npure-token\r\n$5\r\ntoken\r\n$4\r\nLEFT\r\n"
                + "*6\r\n$4\r\nname\r\n$5\r\nright\r\n$4\r\ntype\r\n$10\r\npure-token\r\n$5\r\ntoken\r\n$5\r\nRIGHT\r\n");
        expectMatching(q("*2\r\n$5\r\nlmove\r\n*10\r\n$7\r\nsummary\r\n") + SUMMARY
                + q("$5\r\nsince\r\n$5\r\n6.2.0\r\n$5\r\ngroup\r\n$4\r\nlist\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n"
                + "$9\r\narguments\r\n*4\r\n*6\r\n$4\r\nname\r\n$6\r\nsource\r\n$4\r\ntype\r\n$3\r\nkey\r\n"
                + "$14\r\nkey_spec_index\r\n:0\r\n*6\r\n$4\r\nname\r\n$11\r\ndestination\r\n$4\r\ntype\r\n$3\r\nkey\r\n"
                + "$14\r\nkey_spec_index\r\n:1\r\n*6\r\n$4\r\nname\r\n$9\r\nwherefrom\r\n$4\r\ntype\r\n$5\r\noneof\r\n"
                + "$9\r\narguments\r\n") + side + q("*6\r\n$4\r\nname\r\n$7\r\nwhereto\r\n$4\r\ntype\r\n$5\r\noneof\r\n"
                + "$9\r\narguments\r\n") + side, "COMMAND", "DOCS", "lmove");
        expectMatching(q("*2\r\n$9\r\nclient|id\r\n*8\r\n$7\r\nsummary\r\n") + SUMMARY
                + q("$5\r\nsince\r\n$5\r\n5.0.0\r\n$5\r\ngroup\r\n$10\r\nconnection\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n"),
                "COMMAND", "DOCS", "client|id");
        redis.expect("*0\r\n", "COMMAND", "DOCS", "nosuch");
        expectMatching(q("*4\r\n") + String.format(getDocs, q("*10\r\n"), q("*6\r\n")) + String.format(getDocs, q("*10\r\n"),
                q("*6\r\n")), "COMMAND", "DOCS", "get", "nosuch", "GET");
        redis.call("HELLO", "3");
        expectMatching(q("%1\r\n") + String.format(getDocs, q("%5\r\n"), q("%3\r\n")), "COMMAND", "DOCS", "get");
        redis.expect("%0\r\n", "COMMAND", "DOCS", "nosuch");
    }

    @Test
    void getKeysAsRedisFindsThem() {
        redis.expect(bulks("k"), "COMMAND", "GETKEYS", "GET", "k");
        redis.expect(bulks("a", "b", "c"), "COMMAND", "GETKEYS", "del", "a", "b", "c");
        redis.expect(bulks("a", "b"), "COMMAND", "GETKEYS", "mset", "a", "1", "b");
        redis.expect(bulks("a", "b"), "COMMAND", "GETKEYS", "blpop", "a", "b", "0");
        redis.expect(bulks("d", "a", "b"), "COMMAND", "GETKEYS", "zunionstore", "d", "2", "a", "b");
        redis.expect(bulks("a", "b"), "COMMAND", "GETKEYS", "sintercard", "2", "a", "b", "limit", "1");
        redis.expect(bulks("d", "a", "b"), "COMMAND", "GETKEYS", "bitop", "and", "d", "a", "b");
        redis.expect(bulks("a"), "COMMAND", "GETKEYS", "set", "a", "b", "get");
        for (String numkeys : List.of("3", "0", "-1", "x")) {
            redis.expect(err("ERR Invalid arguments specified for command"),
                    "COMMAND", "GETKEYS", "zunionstore", "d", numkeys, "a", "b");
        }
        redis.expect(err("ERR Invalid command specified"), "COMMAND", "GETKEYS", "nosuch", "a");
        redis.expect(err("ERR Invalid command specified"), "COMMAND", "GETKEYS", "client", "nosuch");
        redis.expect(err("ERR The command has no key arguments"), "COMMAND", "GETKEYS", "client", "id");
        redis.expect(err("ERR The command has no key arguments"), "COMMAND", "GETKEYS", "publish", "ch", "msg");
        redis.expect(err("ERR Invalid number of arguments specified for command"), "COMMAND", "GETKEYS", "get", "a", "b");
        redis.expect(arity("command|getkeys"), "COMMAND", "GETKEYS", "get");
        redis.expect(arity("command|getkeys"), "COMMAND", "GETKEYS");
        redis.expect(arity("command|getkeysandflags"), "COMMAND", "GETKEYSANDFLAGS", "hello");
    }

    @Test
    void getKeysAndFlagsSayHowEachKeyIsUsed() {
        String lmove = "*2\r\n*2\r\n$1\r\na\r\n%s3\r\n+RW\r\n+access\r\n+delete\r\n*2\r\n$1\r\nb\r\n%s2\r\n+RW\r\n+insert\r\n";
        redis.expect(String.format(lmove, "*", "*"), "COMMAND", "GETKEYSANDFLAGS", "lmove", "a", "b", "left", "right");
        redis.expect("*1\r\n*2\r\n$1\r\na\r\n*2\r\n+OW\r\n+update\r\n", "COMMAND", "GETKEYSANDFLAGS", "set", "a", "b");
        redis.expect("*1\r\n*2\r\n$1\r\na\r\n*3\r\n+RW\r\n+access\r\n+update\r\n",
                "COMMAND", "GETKEYSANDFLAGS", "set", "a", "b", "ex", "10", "GET");
        redis.expect("*3\r\n*2\r\n$1\r\nd\r\n*2\r\n+OW\r\n+update\r\n*2\r\n$1\r\na\r\n*2\r\n+RO\r\n+access\r\n"
                + "*2\r\n$1\r\nb\r\n*2\r\n+RO\r\n+access\r\n", "COMMAND", "GETKEYSANDFLAGS", "zunionstore", "d", "2", "a", "b");
        redis.call("HELLO", "3");
        redis.expect(String.format(lmove, "~", "~"), "COMMAND", "GETKEYSANDFLAGS", "lmove", "a", "b", "left", "right");
    }

    @Test
    void listFilters() {
        List<String> all = names(redis.call("COMMAND", "LIST"));
        assertTrue(all.containsAll(List.of("get", "zunionstore", "command", "command|info", "client|id")), all.toString());
        List<String> stores = names(redis.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "z*store"));
        assertTrue(stores.containsAll(List.of("zunionstore", "zinterstore")), stores.toString());
        assertTrue(stores.stream().allMatch(n -> n.matches("z.*store")), stores.toString());
        assertEquals(names(redis.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "Z*STORE")), stores, "glob ignores case");
        List<String> clients = names(redis.call("command", "list", "filterby", "pattern", "client|*"));
        assertTrue(clients.contains("client|id") && clients.stream().allMatch(n -> n.startsWith("client|")), clients.toString());
        List<String> connection = names(redis.call("COMMAND", "LIST", "FILTERBY", "ACLCAT", "Connection"));
        assertTrue(connection.containsAll(List.of("ping", "hello", "client|id", "command", "command|list")),
                connection.toString());
        assertTrue(all.containsAll(connection) && all.containsAll(stores) && all.containsAll(clients));
        redis.expect("*0\r\n", "COMMAND", "LIST", "FILTERBY", "ACLCAT", "@connection");
        redis.expect("*0\r\n", "COMMAND", "LIST", "FILTERBY", "ACLCAT", "nosuch");
        redis.expect("*0\r\n", "COMMAND", "LIST", "FILTERBY", "MODULE", "x");
        for (String[] bad : List.of(new String[] {"FILTERBY"}, new String[] {"foo"}, new String[] {"FILTERBY", "PATTERN"},
                new String[] {"FILTERBY", "PATTERN", "a", "b"}, new String[] {"FILTERBY", "nosuch", "a"})) {
            List<String> command = new ArrayList<>(List.of("COMMAND", "LIST"));
            command.addAll(Arrays.asList(bad));
            redis.expect(RespConnection.syntaxError(), command.toArray(String[]::new));
        }
    }

    @Test
    void countInfoAndListAgree() {
        List<String> topLevel = names(redis.call("COMMAND", "LIST")).stream().filter(n -> !n.contains("|")).toList();
        redis.expect(":" + topLevel.size() + "\r\n", "COMMAND", "COUNT");
        assertTrue(redis.call("COMMAND").startsWith("*" + topLevel.size() + "\r\n*10\r\n"));
        assertTrue(redis.call("COMMAND", "INFO").startsWith("*" + topLevel.size() + "\r\n*10\r\n"));
        String docs = redis.call("COMMAND", "DOCS");
        assertTrue(docs.startsWith("*" + 2 * topLevel.size() + "\r\n"), () -> printable(docs.substring(0, 20)));
    }

    @Test
    void subcommandErrors() {
        redis.expect(err("ERR unknown subcommand 'foo'. Try COMMAND HELP."), "COMMAND", "foo");
        redis.expect(err("ERR unknown subcommand '" + "x".repeat(128) + "'. Try COMMAND HELP."), "COMMAND", "x".repeat(200));
        redis.expect(arity("command|count"), "COMMAND", "COUNT", "x");
        redis.expect(arity("command|help"), "COMMAND", "HELP", "x");
    }

    @Test
    void helpListsTheSubcommands() {
        String help = redis.call("COMMAND", "HELP");
        assertTrue(help.matches("(?s)\\*\\d+\r\n\\+COMMAND <subcommand> .*"), printable(help));
        for (String sub : List.of("COUNT", "LIST", "INFO", "DOCS", "GETKEYS", "GETKEYSANDFLAGS", "HELP")) {
            assertTrue(help.contains("\r\n+" + sub), sub + " in " + printable(help));
        }
    }

    /** Depot describes only what it implements: a Redis command it lacks is unknown to COMMAND too. */
    @Test
    void onlyImplementedCommandsAreDescribed() {
        daemon.assumeDepot();
        List<String> all = names(redis.call("COMMAND", "LIST"));
        assertTrue(!all.contains("xadd") && !all.contains("pubsub|shardchannels"), all.toString());
        redis.expect("*2\r\n$-1\r\n$-1\r\n", "COMMAND", "INFO", "xadd", "pubsub|shardchannels");
        redis.expect("*0\r\n", "COMMAND", "DOCS", "xadd", "pubsub|shardchannels");
        redis.expect(err("ERR Invalid command specified"), "COMMAND", "GETKEYS", "xadd", "s", "*", "f", "v");
        redis.expect(err("ERR Invalid command specified"), "COMMAND", "GETKEYS", "pubsub", "shardnumsub", "c");
        // a container lists only the subcommands Depot serves, in its INFO and its DOCS
        String pubsubInfo = redis.call("COMMAND", "INFO", "pubsub");
        assertTrue(pubsubInfo.contains("pubsub|numsub") && !pubsubInfo.contains("pubsub|shardchannels"), printable(pubsubInfo));
        String pubsubDocs = redis.call("COMMAND", "DOCS", "pubsub");
        assertTrue(pubsubDocs.contains("pubsub|channels") && !pubsubDocs.contains("pubsub|shardnumsub"), printable(pubsubDocs));
        // Depot's summaries
        assertTrue(redis.call("COMMAND", "DOCS", "get").contains("Answers a string's value"));
    }

    /**
     * The metadata's list of served subcommands is true: a container answers "unknown subcommand"
     * for exactly the subcommands the metadata does not mark as served.
     */
    @Test
    void servedSubcommandsAreExactlyTheAnsweredOnes() {
        daemon.assumeDepot();
        List<String> wrong = new ArrayList<>();
        for (CommandMeta container : CommandCatalog.standard().all()) {
            if (!container.isContainer() || redis.call("COMMAND", "INFO", container.name()).equals("*1\r\n$-1\r\n")) {
                continue;
            }
            for (CommandMeta sub : container.subcommands()) {
                List<String> call = new ArrayList<>(List.of(sub.name().split("\\|")));
                while (call.size() < Math.abs(sub.info().arity())) {
                    call.add("x");
                }
                String reply = redis.call(call.toArray(String[]::new));
                boolean unknown = reply.startsWith("-ERR unknown subcommand");
                boolean served = container.implementedSubcommands().contains(sub.name());
                if (unknown == served) {
                    wrong.add(sub.name() + (served ? " is marked served but answers " : " answers, but is not marked served: ")
                            + printable(reply.length() > 80 ? reply.substring(0, 80) : reply));
                }
            }
        }
        assertEquals(List.of(), wrong, "implemented_subcommands in commands.json");
    }

    @Test
    void jedisReadsTheMetadata() {
        try (Jedis jedis = daemon.jedis()) {
            Map<String, CommandInfo> info = jedis.commandInfo("get", "zunionstore");
            assertEquals(2, info.get("get").getArity());
            assertEquals(List.of("readonly", "fast"), info.get("get").getFlags());
            assertEquals(List.of("write", "denyoom", "movablekeys"), info.get("zunionstore").getFlags());
            assertEquals(List.of("@write", "@sortedset", "@slow"), info.get("zunionstore").getAclCategories());
            // (Jedis 5.2 cannot read a container's subcommands, from Redis 7.0 either: they are not plain names)
            CommandDocument docs = jedis.commandDocs("zunionstore").get("zunionstore");
            assertEquals("2.0.0", docs.getSince());
            assertEquals("sorted-set", docs.getGroup());
            assertTrue(docs.getSummary() != null && !docs.getSummary().isBlank());
            assertEquals(List.of("d", "a", "b"), jedis.commandGetKeys("ZUNIONSTORE", "d", "2", "a", "b"));
            List<KeyValue<String, List<String>>> flags = jedis.commandGetKeysAndFlags("LMOVE", "a", "b", "LEFT", "RIGHT");
            assertEquals("b", flags.get(1).getKey());
            assertEquals(List.of("RW", "insert"), flags.get(1).getValue());
            assertEquals(jedis.commandCount(), jedis.commandList().stream().filter(n -> !n.contains("|")).count());
            assertTrue(jedis.commandListFilterBy(CommandListFilterByParams.commandListFilterByParams()
                    .filterByPattern("zunion*")).contains("zunionstore"));
        }
    }

    /** The bulk strings of a flat array reply. */
    private static List<String> names(String reply) {
        List<String> names = new ArrayList<>();
        String[] lines = reply.split("\r\n");
        for (int i = 1; i < lines.length; i += 2) {
            names.add(lines[i + 1]);
        }
        assertEquals(Integer.parseInt(lines[0].substring(1)), names.size(), () -> printable(reply));
        return names;
    }
}
