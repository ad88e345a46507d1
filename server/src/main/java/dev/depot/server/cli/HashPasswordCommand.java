package dev.depot.server.cli;

import dev.depot.config.access.PasswordHash;
import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code depot hash-password}: reads one password and prints its RabbitMQ-compatible hash, for
 * the {@code password-hash} of a user under {@code amqp-users}.
 */
public final class HashPasswordCommand {

    static final String NAME = "hash-password";
    /** The first line of its help, and its line in {@code depot --help}. */
    static final String SUMMARY = "Print the RabbitMQ-compatible hash of a password read from stdin.";
    static final String DESCRIPTION = "The password is the first line of stdin; at a terminal it is asked for"
            + " without echo. The hash (salted SHA-256 in base64, RabbitMQ's default format) goes to stdout, for"
            + " the password-hash of a user under amqp-users in the config file. RabbitMQ accepts it too, and"
            + " Depot accepts RabbitMQ's.";
    /** How to run it without a terminal: printf, unlike echo, adds no newline and is the same in every shell. */
    static final String EXAMPLE = "printf %s 'secret' | depot " + NAME;

    /** Far beyond any real password; stops a mistaken pipe from filling memory. */
    private static final int MAX_LENGTH = 4096;

    private HashPasswordCommand() {
    }

    /**
     * @param console the terminal to prompt on without echo, or {@code null} to read {@code in}
     * @return the exit status: 0, or {@link Cli#USAGE_ERROR} with a one-line message on {@code err}
     */
    public static int run(InputStream in, Console console, PrintWriter out, PrintWriter err) {
        try {
            byte[] password = console == null ? firstLine(in) : prompt(console);
            if (password.length == 0) {
                err.println("depot " + NAME + ": no password given; type it, or pipe it in: " + EXAMPLE);
                return Cli.USAGE_ERROR;
            }
            out.println(PasswordHash.create(password).encoded());
            return 0;
        } catch (IOException e) {
            err.println("depot " + NAME + ": " + e.getMessage());
            return Cli.USAGE_ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The bytes before the first newline (a trailing CR too, for input from Windows tools), as given. */
    private static byte[] firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (line.size() == MAX_LENGTH) {
                throw new IOException("the first line of stdin is longer than " + MAX_LENGTH
                        + " bytes; give the password alone on it");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        return bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? Arrays.copyOf(bytes, bytes.length - 1) : bytes;
    }

    private static byte[] prompt(Console console) {
        char[] typed = console.readPassword("Password: ");
        if (typed == null) {
            return new byte[0]; // end of input at the prompt
        }
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(typed));
        Arrays.fill(typed, '\0');
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }
}
