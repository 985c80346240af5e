package dev.tern.mqtt5.packets;

import dev.tern.mqtt5.internal.util.Checks;

/**
 * A User Property: a name and value pair of UTF-8 strings (MQTT 5.0 section 3.1.2.11.8). A packet keeps
 * its user properties in order, and the same name may appear more than once.
 */
public final class UserProperty {

    private final String name;
    private final String value;

    private UserProperty(String name, String value) {
        this.name = Checks.string(name, "user property name");
        this.value = Checks.string(value, "user property value");
    }

    /**
     * Creates a user property. The strings go on the wire as given; MQTT attaches no meaning to them.
     *
     * @param name the name; may be empty
     * @param value the value; may be empty
     * @return the property
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if either is not a valid MQTT string (U+0000, an unpaired
     *     surrogate, or more than 65,535 bytes of UTF-8)
     */
    public static UserProperty of(String name, String value) {
        return new UserProperty(name, value);
    }

    /** {@return the name, never null} */
    public String name() {
        return name;
    }

    /** {@return the value, never null} */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof UserProperty)) {
            return false;
        }
        UserProperty that = (UserProperty) o;
        return name.equals(that.name) && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + value.hashCode();
    }

    @Override
    public String toString() {
        return name + "=" + value;
    }
}
