package dev.depot.server.cli;

/** Depot's version, as stamped into the jar manifest by the build. */
public final class Version {

    private Version() {
    }

    /** The manifest's Implementation-Version, or {@code dev} when running from classes (IDE, tests). */
    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? "dev" : version;
    }

    /** The {@code --version} output: Depot's version, then the runtime it is on (useful in bug reports). */
    static String[] lines() {
        return new String[] {
                "depot " + current(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + "), "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        };
    }
}
