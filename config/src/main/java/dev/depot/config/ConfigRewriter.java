package dev.depot.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes new values for some keys into a config file (Redis's CONFIG REWRITE), leaving the rest
 * of the file as it was. In YAML each key's top-level line is replaced, or appended when the file
 * lacks the key, so comments and the order of the other lines survive; JSON is re-read and
 * written back with the keys set. The result is checked by loading it before it replaces the
 * file (in one rename), so a rewrite never leaves a file Depot cannot start with.
 */
public final class ConfigRewriter {
    /** Values that YAML reads back as the same text without quotes: numbers and sizes. */
    private static final Pattern PLAIN = Pattern.compile("[0-9]+[a-z]*");

    private ConfigRewriter() {
    }

    /**
     * @param values each key's new value, written the way {@link ConfigKey#format} writes it
     * @throws IOException if the file cannot be read or replaced
     * @throws ConfigException if the rewritten file would not load (it is then left unchanged)
     */
    public static void rewrite(Path file, Map<ConfigKey, String> values) throws IOException {
        String name = file.getFileName().toString();
        String original = Files.readString(file, StandardCharsets.UTF_8);
        String rewritten = name.toLowerCase(Locale.ROOT).endsWith(".json") ? json(original, values) : yaml(original, values);
        String extension = name.substring(name.lastIndexOf('.'));
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + name + ".", extension);
        try {
            keepPermissions(file, temp);
            Files.writeString(temp, rewritten, StandardCharsets.UTF_8);
            Map<String, JsonNode> check = ConfigFile.read(temp);
            ConfigLoader.load(temp, Map.of());
            values.forEach((key, value) -> {
                JsonNode written = check.get(key.key());
                if (written == null || !written.asText().equals(value)) {
                    throw new ConfigException("rewriting " + file + " would not keep " + key + "'s new value");
                }
            });
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The temporary file is private to its owner; the file it replaces may have been readable by more. */
    private static void keepPermissions(Path from, Path to) throws IOException {
        try {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the platform's defaults apply
        }
    }

    private static String yaml(String text, Map<ConfigKey, String> values) {
        String out = text;
        for (Map.Entry<ConfigKey, String> e : values.entrySet()) {
            String line = e.getKey().key() + ": " + yamlScalar(e.getValue());
            Matcher existing = Pattern.compile("^" + Pattern.quote(e.getKey().key()) + "[ \\t]*:.*$", Pattern.MULTILINE)
                    .matcher(out);
            if (existing.find()) {
                out = out.substring(0, existing.start()) + line + out.substring(existing.end());
            } else {
                out = out + (out.isEmpty() || out.endsWith("\n") ? "" : "\n") + line + "\n";
            }
        }
        return out;
    }

    /** Plain when YAML reads it back as the same text, else single-quoted (a quote doubled inside). */
    private static String yamlScalar(String value) {
        return PLAIN.matcher(value).matches() ? value : "'" + value.replace("'", "''") + "'";
    }

    private static String json(String text, Map<ConfigKey, String> values) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode root = text.isBlank() ? mapper.createObjectNode() : mapper.readTree(text);
        if (!(root instanceof ObjectNode object)) {
            throw new ConfigException("cannot rewrite the config file: it is not a mapping of keys to values");
        }
        values.forEach((key, value) -> object.put(key.key(), value));
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(object) + "\n";
    }
}
