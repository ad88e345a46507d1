package dev.depot.server.memcached.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the few reply fields that legitimately differ between two correct servers, and nothing
 * else. The stream is walked structurally (a VALUE / VA header's data block is copied untouched,
 * whatever it contains), and only these fields are rewritten:
 *
 * <ul>
 *   <li>CAS unique numbers: the 5th token of a classic {@code VALUE} line (gets/gats), a meta
 *       {@code c<N>} return flag on {@code HD VA EN NF NS EX} lines, and {@code cas=N} in an
 *       {@code ME} line. They become {@code <cas1>}, {@code <cas2>}, ... in the order in which
 *       distinct values first appear in the stream, so "unchanged item keeps its cas" and
 *       "a write changes the cas" are still compared. {@code c0} stays as is.
 *   <li>Seconds that depend on when the server's clock ticked: the meta {@code t<N>} (TTL left)
 *       and {@code l<N>} (seconds since last access) return flags and the {@code exp=N} and
 *       {@code la=N} fields of {@code ME}, for N &ge; 0, become {@code t<~R>} where R is N
 *       rounded to the nearest multiple of 10 (so a TTL of 100 reads as 100 or 99 on either
 *       side, and 0..4 read as 0; cases use TTLs that are multiples of 10). {@code t-1} and
 *       {@code exp=-1} stay as is; any other negative {@code exp=-N} (1.6.18 prints now minus
 *       expiry, so 100 s left is {@code exp=-100}) becomes {@code exp=-<~R>}.
 * </ul>
 */
final class ReplyNormalizer {

    private static final List<String> META_CODES = List.of("HD", "VA", "EN", "NF", "NS", "EX", "MN");

    private final Map<String, Integer> casOrder = new LinkedHashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private ReplyNormalizer() {
    }

    /** The normalised form of a whole reply stream. */
    static byte[] normalize(byte[] raw) {
        ReplyNormalizer n = new ReplyNormalizer();
        n.walk(raw);
        return n.out.toByteArray();
    }

    /** The distinct CAS values in the order they first appear (for {@code %casN}). */
    static List<String> casValues(byte[] raw) {
        ReplyNormalizer n = new ReplyNormalizer();
        n.walk(raw);
        return new ArrayList<>(n.casOrder.keySet());
    }

    private void walk(byte[] b) {
        int p = 0;
        while (p < b.length) {
            int nl = indexOf(b, (byte) '\n', p);
            if (nl < 0) {
                out.write(b, p, b.length - p);
                return;
            }
            int end = nl > p && b[nl - 1] == '\r' ? nl - 1 : nl;
            String line = new String(b, p, end - p, StandardCharsets.ISO_8859_1);
            String[] t = line.split(" ", -1);
            long block = -1;
            if (t[0].equals("VALUE") && t.length >= 4) {
                block = number(t[3]);
                if (t.length == 5 && number(t[4]) >= 0) {
                    t[4] = cas(t[4]);
                }
            } else if (META_CODES.contains(t[0])) {
                int firstFlag = 1;
                if (t[0].equals("VA") && t.length >= 2) {
                    block = number(t[1]);
                    firstFlag = 2;
                }
                for (int i = firstFlag; i < t.length; i++) {
                    t[i] = metaFlag(t[i]);
                }
            } else if (t[0].equals("ME")) {
                for (int i = 2; i < t.length; i++) {
                    t[i] = debugField(t[i]);
                }
            }
            out.writeBytes(String.join(" ", t).getBytes(StandardCharsets.ISO_8859_1));
            out.write(b, end, nl + 1 - end);
            p = nl + 1;
            if (block >= 0) {
                int n = (int) Math.min(Math.min(block, Integer.MAX_VALUE) + 2, b.length - p);
                out.write(b, p, n);
                p += n;
            }
        }
    }

    private String metaFlag(String token) {
        if (token.length() < 2) {
            return token;
        }
        String v = token.substring(1);
        return switch (token.charAt(0)) {
            case 'c' -> number(v) > 0 ? "c" + cas(v) : token;
            case 't', 'l' -> number(v) >= 0 ? token.charAt(0) + seconds(v) : token;
            default -> token;
        };
    }

    private String debugField(String field) {
        int eq = field.indexOf('=');
        if (eq < 0) {
            return field;
        }
        String name = field.substring(0, eq);
        String v = field.substring(eq + 1);
        return switch (name) {
            case "cas" -> number(v) > 0 ? "cas=" + cas(v) : field;
            // memcached 1.6.18 prints exp as (now - expiry), i.e. -100 for 100 s left; -1 means none.
            case "exp" -> v.equals("-1") ? field
                    : v.startsWith("-") && number(v.substring(1)) >= 0 ? "exp=-" + seconds(v.substring(1))
                    : number(v) >= 0 ? "exp=" + seconds(v) : field;
            case "la" -> number(v) >= 0 ? "la=" + seconds(v) : field;
            default -> field;
        };
    }

    private String cas(String value) {
        int i = casOrder.computeIfAbsent(value, k -> casOrder.size() + 1);
        return "<cas" + i + ">";
    }

    private static String seconds(String value) {
        long n = number(value);
        return "<~" + Math.round(n / 10.0) * 10 + ">";
    }

    /** A non-negative decimal number, or -1 if the text is not one. */
    private static long number(String s) {
        if (s.isEmpty() || s.length() > 19) {
            return s.length() == 20 && s.chars().allMatch(Character::isDigit) ? Long.MAX_VALUE : -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(s);
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
