package org.openmgm.spi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * DS component property type that writes the service properties of a {@link
 * MulticastRoutingProtocol}: annotate the component class, for example
 * {@code @MgmProtocol(id = 1000, name = "static")}.
 *
 * <p>Configuration can override each value (the properties {@value
 * MulticastRoutingProtocol#PROTOCOL_ID}, {@value MulticastRoutingProtocol#COMPONENT_ID}, {@value
 * MulticastRoutingProtocol#PROTOCOL_NAME}), which is how one protocol bundle runs several
 * instances with factory configurations.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface MgmProtocol {

    /** Prefix that maps the element names onto the {@code mgm.protocol.*} property names. */
    String PREFIX_ = "mgm.protocol.";

    /**
     * The protocol number ({@value MulticastRoutingProtocol#PROTOCOL_ID}).
     *
     * @return the protocol number
     */
    int id();

    /**
     * The instance number ({@value MulticastRoutingProtocol#COMPONENT_ID}).
     *
     * @return the instance number
     */
    int component() default 0;

    /**
     * A human-readable name ({@value MulticastRoutingProtocol#PROTOCOL_NAME}).
     *
     * @return the name
     */
    String name();
}
