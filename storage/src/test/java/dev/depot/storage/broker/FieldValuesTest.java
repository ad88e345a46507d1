package dev.depot.storage.broker;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class FieldValuesTest {
    @Test
    void typeNamesAreRabbitMqs() {
        assertEquals("void", FieldValues.typeName(null));
        assertEquals("bool", FieldValues.typeName(true));
        assertEquals("byte", FieldValues.typeName((byte) 1));
        assertEquals("short", FieldValues.typeName((short) 1));
        assertEquals("signedint", FieldValues.typeName(1));
        assertEquals("long", FieldValues.typeName(1L));
        assertEquals("float", FieldValues.typeName(1f));
        assertEquals("double", FieldValues.typeName(1d));
        assertEquals("decimal", FieldValues.typeName(BigDecimal.ONE));
        assertEquals("longstr", FieldValues.typeName("x"));
        assertEquals("binary", FieldValues.typeName(new byte[0]));
        assertEquals("timestamp", FieldValues.typeName(Instant.EPOCH));
        assertEquals("table", FieldValues.typeName(Map.of()));
        assertEquals("array", FieldValues.typeName(List.of()));
        assertThrows(IllegalArgumentException.class, () -> FieldValues.typeName(new Object()));
    }

    @Test
    void integersOfAnyWidthAreOneClass() {
        assertEquals(FieldValues.typeClass((byte) 1), FieldValues.typeClass(1L));
        assertEquals(FieldValues.typeClass(1f), FieldValues.typeClass(1d));
        assertNotEquals(FieldValues.typeClass(1), FieldValues.typeClass(1d));
    }

    @Test
    void sameTableIgnoresOrderButNotTypes() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("x", 1);
        a.put("y", new byte[]{1, 2});
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("y", new byte[]{1, 2});
        b.put("x", 1);
        assertTrue(FieldValues.sameTable(a, b));
        b.put("x", 1L);
        assertFalse(FieldValues.sameTable(a, b));
    }

    @Test
    void formatPrintsValuesAsRabbitMqDoes() {
        assertEquals("abc", FieldValues.format("abc"));
        assertEquals("100", FieldValues.format(100));
        assertEquals("true", FieldValues.format(true));
        assertEquals("{2,314}", FieldValues.format(new BigDecimal("3.14")));
        assertEquals("undefined", FieldValues.format(null));
    }
}
