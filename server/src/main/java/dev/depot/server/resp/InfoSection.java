package dev.depot.server.resp;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** INFO's sections, in the order INFO writes them. */
enum InfoSection {
    SERVER, CLIENTS, MEMORY, PERSISTENCE, STATS, REPLICATION, CPU, MODULES, COMMANDSTATS, ERRORSTATS, CLUSTER,
    KEYSPACE;

    /** The header's name: {@code # Commandstats}. */
    String title() {
        String lower = name().toLowerCase(Locale.ROOT);
        return name().equals("CPU") ? "CPU" : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /**
     * The sections the arguments of INFO ask for: none (or "default") for every section but
     * commandstats, "all" or "everything" for all of them, or sections by name (any letter
     * case); unknown names ask for nothing.
     */
    static Set<InfoSection> requested(Iterable<String> names) {
        Set<InfoSection> wanted = EnumSet.noneOf(InfoSection.class);
        boolean any = false;
        for (String name : names) {
            any = true;
            switch (name.toLowerCase(Locale.ROOT)) {
                case "all", "everything" -> wanted.addAll(EnumSet.allOf(InfoSection.class));
                case "default" -> wanted.addAll(defaults());
                default -> {
                    for (InfoSection section : values()) {
                        if (section.name().equalsIgnoreCase(name)) {
                            wanted.add(section);
                        }
                    }
                }
            }
        }
        return any ? wanted : defaults();
    }

    private static Set<InfoSection> defaults() {
        Set<InfoSection> sections = EnumSet.allOf(InfoSection.class);
        sections.remove(COMMANDSTATS);
        return sections;
    }
}
