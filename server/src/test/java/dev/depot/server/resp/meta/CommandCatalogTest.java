package dev.depot.server.resp.meta;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled commands.json, as generated from redis-server 7.0.15. */
class CommandCatalogTest {
    private final CommandCatalog catalog = CommandCatalog.standard();

    private CommandMeta command(String name) {
        return catalog.find(name).orElseThrow(() -> new AssertionError("no metadata for " + name));
    }

    @Test
    void everyRedis70CommandIsThere() {
        assertEquals(240, catalog.all().size(), "Redis 7.0.15 answers COMMAND COUNT with 240");
        assertEquals(126, catalog.all().stream().mapToInt(c -> c.subcommands().size()).sum());
        for (String name : List.of("get", "xadd", "eval", "geoadd", "pfadd", "cluster", "lcs", "zmpop", "swapdb")) {
            assertTrue(catalog.find(name).isPresent(), name);
        }
        assertEquals("get", catalog.find("GET").orElseThrow().name(), "any letter case");
        assertTrue(catalog.find("frobnicate").isEmpty());
    }

    @Test
    void getAsCommandInfoReportsIt() {
        CommandMeta get = command("get");
        CommandInfo info = get.info();
        assertEquals(2, info.arity());
        assertEquals(List.of("readonly", "fast"), info.flags());
        assertEquals(List.of(1, 1, 1), List.of(info.firstKey(), info.lastKey(), info.step()));
        assertEquals(List.of("@read", "@string", "@fast"), info.aclCategories());
        assertEquals(List.of(), info.tips());
        assertEquals(List.of(new KeySpec(Set.of(KeySpecFlag.RO, KeySpecFlag.ACCESS), new KeySpec.BeginSearch.Index(1),
                new KeySpec.FindKeys.Range(0, 1, 0))), info.keySpecs());
        assertEquals("1.0.0", get.docs().since());
        assertEquals("string", get.docs().group());
        assertEquals("O(1)", get.docs().complexity());
        assertEquals(List.of(new Argument("key", "key", 0, null, null, null, List.of(), List.of())), get.docs().arguments());
        assertFalse(get.isContainer());
    }

    @Test
    void keySpecsOfEveryKind() {
        assertEquals(new KeySpec.FindKeys.KeyNum(0, 1, 1), command("zunionstore").info().keySpecs().get(1).find());
        KeySpec store = command("georadius").info().keySpecs().get(1);
        assertEquals(new KeySpec.BeginSearch.Keyword("STORE", 6), store.begin());
        KeySpec sort = command("sort").info().keySpecs().get(1);
        assertEquals(new KeySpec.BeginSearch.Unknown(), sort.begin());
        assertEquals(new KeySpec.FindKeys.Unknown(), sort.find());
        assertEquals(new KeySpec.FindKeys.Range(-1, 1, 2), command("xread").info().keySpecs().get(0).find());
    }

    @Test
    void keySpecFlagsKeepRedissOrder() {
        Set<KeySpecFlag> flags = command("set").info().keySpecs().get(0).flags();
        assertEquals(List.of(KeySpecFlag.RW, KeySpecFlag.ACCESS, KeySpecFlag.UPDATE, KeySpecFlag.VARIABLE_FLAGS),
                new ArrayList<>(flags));
    }

    @Test
    void nestedArgumentsKeepTokensAndFlags() {
        Argument expiration = command("set").docs().arguments().get(4);
        assertEquals("expiration", expiration.name());
        assertEquals("oneof", expiration.type());
        assertEquals(List.of("optional"), expiration.flags());
        Argument px = expiration.arguments().get(1);
        assertEquals(List.of("milliseconds", "integer", "PX", "2.6.12"), List.of(px.name(), px.type(), px.token(), px.since()));
        assertEquals(Argument.NO_KEY_SPEC, px.keySpecIndex());
    }

    @Test
    void containersKnowEverySubcommandAndWhichDepotServes() {
        CommandMeta client = command("client");
        assertTrue(client.isContainer());
        assertEquals(16, client.subcommands().size(), "Redis 7.0 has 16 CLIENT subcommands");
        for (CommandMeta container : catalog.all()) {
            for (String served : container.implementedSubcommands()) {
                assertTrue(container.subcommands().stream().anyMatch(s -> s.name().equals(served)),
                        served + " is not a subcommand of " + container.name());
            }
        }
        CommandMeta info = command("command").servedSubcommand("INFO").orElseThrow();
        assertEquals("command|info", info.name());
        assertEquals(-2, info.info().arity());
        assertTrue(command("pubsub").servedSubcommand("shardchannels").isEmpty(), "Redis has it, Depot does not serve it");
    }

    @Test
    void everyCommandAndSubcommandHasASummaryInDepotsWords() {
        List<String> without = new ArrayList<>();
        for (CommandMeta command : catalog.all()) {
            if (command.docs().summary() == null) {
                without.add(command.name());
            }
            command.subcommands().stream().filter(s -> s.docs().summary() == null).forEach(s -> without.add(s.name()));
        }
        assertEquals(List.of(), without);
    }

    @Test
    void depotOverridesWhereItFollowsALaterRedis() {
        CommandMeta zrank = command("zrank");
        assertEquals(-3, zrank.info().arity(), "WITHSCORE came with Redis 7.2");
        Argument withScore = zrank.docs().arguments().get(2);
        assertEquals(List.of("WITHSCORE", "7.2.0"), List.of(withScore.token(), withScore.since()));
    }

    @Test
    void keyPresenceAndOptionalKeys() {
        assertFalse(command("spublish").info().hasKeys(), "its shard channel only looks like a key");
        assertFalse(command("ping").info().hasKeys());
        assertTrue(command("get").info().hasKeys());
        assertTrue(command("eval").info().keysOptional());
        assertFalse(command("zunionstore").info().keysOptional());
        assertTrue(command("hello").info().inCategory("CONNECTION"));
        assertFalse(command("hello").info().inCategory("@connection"), "Redis takes the category without its @");
    }
}
