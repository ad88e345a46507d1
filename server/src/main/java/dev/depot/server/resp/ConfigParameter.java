package dev.depot.server.resp;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One parameter of CONFIG GET and SET: its name, its type, where its value lives and, unless
 * it is immutable, how a new value takes effect.
 *
 * @param <T> the value's Java type
 */
final class ConfigParameter<T> {
    private final String name;
    private final ConfigType<T> type;
    private final Supplier<T> getter;
    /** Null for a parameter that cannot change while Depot runs. */
    private final Consumer<T> setter;

    private ConfigParameter(String name, ConfigType<T> type, Supplier<T> getter, Consumer<T> setter) {
        this.name = name;
        this.type = type;
        this.getter = getter;
        this.setter = setter;
    }

    static <T> ConfigParameter<T> mutable(String name, ConfigType<T> type, Supplier<T> getter, Consumer<T> setter) {
        return new ConfigParameter<>(name, type, getter, setter);
    }

    static <T> ConfigParameter<T> immutable(String name, ConfigType<T> type, Supplier<T> getter) {
        return new ConfigParameter<>(name, type, getter, null);
    }

    String name() {
        return name;
    }

    boolean isMutable() {
        return setter != null;
    }

    String value() {
        return type.format(getter.get());
    }

    /** Checks {@code text} now and returns what sets it, so a CONFIG SET of several can be all or nothing. */
    Runnable prepare(String text) {
        T value = type.parse(text);
        return () -> setter.accept(value);
    }
}
