package dev.depot.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a config file into raw key/value pairs, without interpreting the values: that is
 * {@link ConfigLoader}'s job, so file values and flags go through the same checks.
 * The format follows the extension: {@code .yaml}/{@code .yml} or {@code .json}.
 */
final class ConfigFile {

    /** Jackson's wording for a repeated key, reported by STRICT_DUPLICATE_DETECTION. */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'.*");

    private ConfigFile() {
    }

    /** The file's top-level entries, in file order. An empty file has none. */
    static Map<String, JsonNode> read(Path file) {
        Format format = Format.of(file);
        if (Files.isDirectory(file)) {
            throw new ConfigException("config file " + file + " is a directory; give the path of a "
                    + format.name + " file");
        }
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = format.mapper.readTree(in);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new ConfigException("config file " + file + " is not readable (permission denied)");
        } catch (JsonProcessingException e) {
            throw new ConfigException("config file " + file + " is not valid " + format.name + ": "
                    + describe(e), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Map.of(); // empty, or only comments: everything keeps its default
        }
        if (!root.isObject()) {
            throw new ConfigException("config file " + file + " must be a mapping of keys to values, such as"
                    + " 'memcached-port: 11211', not " + ValueReader.kindOf(root));
        }
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        root.properties().forEach(e -> entries.put(e.getKey(), e.getValue()));
        return entries;
    }

    /**
     * One line saying what is wrong and where. SnakeYAML's own message spans several lines with a
     * code excerpt and puts the context ("while parsing a flow sequence") before the actual problem,
     * so its parts are joined here instead.
     */
    private static String describe(JsonProcessingException e) {
        String what;
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
            what = yaml.getContext() == null ? yaml.getProblem() : yaml.getContext() + ": " + yaml.getProblem();
        } else {
            String message = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage().strip();
            what = message.lines().findFirst().orElse(message).strip();
        }
        Matcher duplicate = DUPLICATE.matcher(what);
        if (duplicate.matches()) {
            what = "key '" + duplicate.group(1) + "' appears more than once";
        }
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? what
                : what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private enum Format {
        YAML("YAML", new YAMLFactory()),
        JSON("JSON", new JsonFactory());

        final String name;
        final ObjectMapper mapper;

        Format(String name, JsonFactory factory) {
            this.name = name;
            // A key written twice is almost always a merge mistake; say so instead of letting the last win.
            this.mapper = new ObjectMapper(factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
        }

        static Format of(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return YAML;
            }
            if (name.endsWith(".json")) {
                return JSON;
            }
            throw new ConfigException("config file " + file + " has an unknown format; name it *.yaml, *.yml"
                    + " or *.json");
        }
    }
}
