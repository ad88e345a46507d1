package dev.depot.server.resp;

import dev.depot.server.resp.meta.CommandCatalog;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The case-insensitive lookup of command names straight from a client's bytes. */
class CommandNameIndexTest {
    private static final List<String> NAMES = List.of("get", "set", "getset", "zrangebyscore", "client", "hset");

    private static CommandNameIndex index(List<CommandSpec> specs) {
        return new CommandNameIndex(specs);
    }

    private static List<CommandSpec> specs() {
        List<CommandSpec> specs = new ArrayList<>();
        for (String name : NAMES) {
            specs.add(new CommandSpec(name, call -> { }, CommandCatalog.standard().find(name).orElseThrow(), specs.size()));
        }
        return specs;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void findsEveryNameInAnyLetterCase() {
        List<CommandSpec> specs = specs();
        CommandNameIndex index = index(specs);
        for (CommandSpec spec : specs) {
            assertSame(spec, index.find(b(spec.name())));
            assertSame(spec, index.find(b(spec.name().toUpperCase())));
            String mixed = Character.toUpperCase(spec.name().charAt(0)) + spec.name().substring(1);
            assertSame(spec, index.find(b(mixed)));
        }
    }

    @Test
    void unknownNamesPrefixesAndNonLettersAreNotFound() {
        CommandNameIndex index = index(specs());
        assertNull(index.find(b("ge")));
        assertNull(index.find(b("gett")));
        assertNull(index.find(b("")));
        assertNull(index.find(b("g\u00c5t")));   // only ASCII letters fold
        assertNull(index.find(b("GET\0")));
    }

    @Test
    void anEmptyTableFindsNothing() {
        assertNull(index(List.of()).find(b("get")));
    }
}
