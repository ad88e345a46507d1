package dev.depot.storage.broker.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Topic exchanges: a trie over the dot-separated words of the binding keys, where {@code *}
 * matches exactly one word and {@code #} zero or more. A message walks the trie once, branching
 * only at wildcard nodes. Words may be empty ("a..b" has three words, "." two) while the empty
 * key has none, which is how RabbitMQ splits keys. Runs of {@code #} words collapse into one
 * before they enter the trie ("a.#.#.b" matches what "a.#.b" matches, and walking one node is
 * cheaper than walking a run of them).
 */
public final class TopicTable<T> implements RoutingTable<T> {
    private static final String ONE_WORD = "*";
    private static final String ANY_WORDS = "#";

    private final Node root = new Node();

    /** A trie node; children and targets are replaced or added under the writer, read freely. */
    private static final class Node {
        final ConcurrentHashMap<String, Node> words = new ConcurrentHashMap<>(4);
        volatile Node oneWord;
        volatile Node anyWords;
        volatile Object[] targets = Targets.NONE;

        boolean isEmpty() {
            return targets.length == 0 && words.isEmpty() && oneWord == null && anyWords == null;
        }
    }

    @Override
    public void add(String bindingKey, Map<String, Object> arguments, T target) {
        Node node = root;
        for (String word : bindingWords(bindingKey)) {
            node = childOrCreate(node, word);
        }
        node.targets = Targets.with(node.targets, target);
    }

    @Override
    public void remove(String bindingKey, Map<String, Object> arguments, T target) {
        List<String> words = bindingWords(bindingKey);
        List<Node> path = new ArrayList<>(words.size() + 1);
        Node node = root;
        path.add(node);
        for (String word : words) {
            node = child(node, word);
            if (node == null) {
                return;
            }
            path.add(node);
        }
        node.targets = Targets.without(node.targets, target);
        for (int i = words.size(); i > 0 && path.get(i).isEmpty(); i--) {
            detach(path.get(i - 1), words.get(i - 1));
        }
    }

    @Override
    public void route(String routingKey, Map<String, Object> headers, RouteSink<T> sink) {
        match(root, splitWords(routingKey), 0, sink);
    }

    private static <T> void match(Node node, String[] words, int at, RouteSink<T> sink) {
        Node any = node.anyWords;
        if (any != null) {
            for (int next = at; next <= words.length; next++) {
                match(any, words, next, sink);
            }
        }
        if (at == words.length) {
            Targets.emit(node.targets, sink);
            return;
        }
        Node exact = node.words.get(words[at]);
        if (exact != null) {
            match(exact, words, at + 1, sink);
        }
        Node one = node.oneWord;
        if (one != null) {
            match(one, words, at + 1, sink);
        }
    }

    private static Node child(Node node, String word) {
        return switch (word) {
            case ONE_WORD -> node.oneWord;
            case ANY_WORDS -> node.anyWords;
            default -> node.words.get(word);
        };
    }

    private static Node childOrCreate(Node node, String word) {
        Node child = child(node, word);
        if (child != null) {
            return child;
        }
        child = new Node();
        switch (word) {
            case ONE_WORD -> node.oneWord = child;
            case ANY_WORDS -> node.anyWords = child;
            default -> node.words.put(word, child);
        }
        return child;
    }

    private static void detach(Node parent, String word) {
        switch (word) {
            case ONE_WORD -> parent.oneWord = null;
            case ANY_WORDS -> parent.anyWords = null;
            default -> parent.words.remove(word);
        }
    }

    /** The binding key's words, each run of '#' reduced to one. */
    private static List<String> bindingWords(String bindingKey) {
        String[] words = splitWords(bindingKey);
        List<String> collapsed = new ArrayList<>(words.length);
        for (String word : words) {
            if (!(word.equals(ANY_WORDS) && !collapsed.isEmpty() && collapsed.get(collapsed.size() - 1).equals(ANY_WORDS))) {
                collapsed.add(word);
            }
        }
        return collapsed;
    }

    /** Splits on every dot, keeping empty words; the empty key has no words at all. */
    static String[] splitWords(String key) {
        if (key.isEmpty()) {
            return new String[0];
        }
        int count = 1;
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '.') {
                count++;
            }
        }
        String[] words = new String[count];
        int start = 0;
        int w = 0;
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '.') {
                words[w++] = key.substring(start, i);
                start = i + 1;
            }
        }
        words[w] = key.substring(start);
        return words;
    }
}
