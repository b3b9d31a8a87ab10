package dev.drover.engine.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach and search an LDAP or Active Directory server. Defaults suit OpenLDAP
 * ({@code inetOrgPerson}, {@code groupOfNames}); for AD use {@link #activeDirectory}.
 *
 * @param url                 {@code ldap://host:389} or {@code ldaps://host:636}
 * @param serviceBindDn       account used to search for users (never the user's own)
 * @param serviceBindPassword its password; never logged
 * @param userSearchBase      where users live
 * @param userLoginAttribute  the attribute users log in with: {@code uid}, AD {@code sAMAccountName}
 * @param userObjectClass     e.g. {@code inetOrgPerson}, AD {@code person}
 * @param displayNameAttribute e.g. {@code cn}
 * @param groupSearchBase     where groups live
 * @param groupObjectClass    e.g. {@code groupOfNames}, AD {@code group}
 * @param groupMemberAttribute attribute of a group holding member DNs, e.g. {@code member}
 * @param timeout             connect and read timeout
 */
public record LdapSettings(URI url, String serviceBindDn, String serviceBindPassword, String userSearchBase,
                           String userLoginAttribute, String userObjectClass, String displayNameAttribute,
                           String groupSearchBase, String groupObjectClass, String groupMemberAttribute, Duration timeout) {

    public LdapSettings {
        Objects.requireNonNull(url, "url");
        if (!"ldap".equals(url.getScheme()) && !"ldaps".equals(url.getScheme())) {
            throw new IllegalArgumentException("url: must start with ldap:// or ldaps://, got " + url);
        }
        Objects.requireNonNull(serviceBindDn, "serviceBindDn");
        Objects.requireNonNull(serviceBindPassword, "serviceBindPassword");
        Objects.requireNonNull(userSearchBase, "userSearchBase");
        userLoginAttribute = orDefault(userLoginAttribute, "uid");
        userObjectClass = orDefault(userObjectClass, "inetOrgPerson");
        displayNameAttribute = orDefault(displayNameAttribute, "cn");
        groupSearchBase = orDefault(groupSearchBase, userSearchBase);
        groupObjectClass = orDefault(groupObjectClass, "groupOfNames");
        groupMemberAttribute = orDefault(groupMemberAttribute, "member");
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    }

    /** OpenLDAP defaults for everything but the connection and bases. */
    public static LdapSettings openLdap(URI url, String bindDn, String bindPassword, String userBase, String groupBase) {
        return new LdapSettings(url, bindDn, bindPassword, userBase, null, null, null, groupBase, null, null, null);
    }

    /** Active Directory attribute names. */
    public static LdapSettings activeDirectory(URI url, String bindDn, String bindPassword, String userBase, String groupBase) {
        return new LdapSettings(url, bindDn, bindPassword, userBase, "sAMAccountName", "person", "displayName",
                groupBase, "group", "member", null);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Hides the service password. */
    @Override
    public String toString() {
        return "LdapSettings[" + url + ", bind=" + serviceBindDn + ", users=" + userSearchBase + "]";
    }
}
