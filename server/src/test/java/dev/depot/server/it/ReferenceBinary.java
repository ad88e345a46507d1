package dev.depot.server.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the side-by-side tests find a real server's executable: a system property, else PATH. */
public final class ReferenceBinary {
    private ReferenceBinary() {
    }

    /**
     * The executable named by {@code -D<property>}, or else the first {@code name} on PATH.
     *
     * @param whenMissing what the test needs and how to get it, for the error when nothing is found
     */
    public static Path find(String property, String name, String whenMissing) {
        String explicit = System.getProperty(property);
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            if (Files.isExecutable(p)) {
                return p;
            }
            throw new IllegalStateException("-D" + property + "=" + explicit + " is not executable");
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException(whenMissing + " (PATH=" + path + ")");
    }
}
