package dev.depot.server.resp;

import dev.depot.config.DepotConfig;
import dev.depot.server.resp.meta.CommandCatalog;
import dev.depot.server.resp.meta.CommandMeta;
import dev.depot.storage.keyspace.Databases;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandTableTest {
    private static final Command NOTHING = call -> {
    };

    private final CommandTable table = new CommandTable(CommandCatalog.standard());

    @Test
    void aCommandWithoutMetadataCannotBeRegistered() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> table.add("frobnicate", 2, NOTHING));
        assertTrue(e.getMessage().contains("no metadata for command 'frobnicate'"), e.getMessage());
    }

    @Test
    void aCommandMustBeRegisteredWithRedissArity() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> table.add("get", -2, NOTHING));
        assertEquals("command 'get' registered with arity -2, Redis's is 2", e.getMessage());
    }

    @Test
    void registeredCommandsCarryTheirMetadata() {
        table.add("get", 2, NOTHING);
        CommandSpec spec = table.find("GeT".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("get", spec.name());
        assertSame(NOTHING, spec.body());
        assertEquals(2, spec.arity());
        assertEquals("string", spec.meta().docs().group());
        assertNull(table.find("set".getBytes(StandardCharsets.ISO_8859_1)), "not registered");
    }

    @Test
    void describeFindsImplementedCommandsAndServedSubcommandsOnly() {
        table.add("command", -1, NOTHING);
        assertEquals(Optional.empty(), table.describe("get"), "Redis has it, Depot (this table) does not");
        assertEquals("command", table.describe("COMMAND").map(CommandMeta::name).orElseThrow());
        assertEquals("command|info", table.describe("Command|Info").map(CommandMeta::name).orElseThrow());
        assertEquals(Optional.empty(), table.describe("command|nosuch"));
        assertEquals(Optional.empty(), table.describe("command|info|x"));
    }

    @Test
    void theStandardTableHasMetadataForEveryCommand() {
        RespService service = TestServices.standalone(1 << 20);
        assertTrue(service.commands().all().size() > 100);
        for (CommandSpec spec : service.commands().all()) {
            assertEquals(spec.name(), spec.meta().name());
        }
    }
}
