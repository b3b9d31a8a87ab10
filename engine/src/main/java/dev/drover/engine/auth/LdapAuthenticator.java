package dev.drover.engine.auth;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

/**
 * Authenticates against LDAP or Active Directory the usual way: bind as a service account, find the
 * user's entry by login attribute, bind as that entry with the given password, then collect the
 * user's groups (groups naming the user as member, plus AD's {@code memberOf}).
 *
 * <p>Blocking network I/O; thread-safe (a connection per call).
 */
public final class LdapAuthenticator implements Authenticator {

    private static final String INVALID = "Invalid username or password.";

    private final LdapSettings settings;

    public LdapAuthenticator(LdapSettings settings) {
        this.settings = settings;
    }

    @Override
    public String provider() {
        return "ldap";
    }

    @Override
    public Principal authenticate(String username, char[] password) {
        // An empty password would be an "unauthenticated bind", which LDAP servers accept as success.
        if (username == null || username.isBlank() || password == null || password.length == 0) {
            throw new dev.drover.engine.auth.AuthenticationException(INVALID);
        }
        String login = username.strip();
        DirContext service = connect(settings.serviceBindDn(), settings.serviceBindPassword().toCharArray(), "the service account");
        try {
            SearchResult entry = findUser(service, login);
            String userDn = entry.getNameInNamespace();
            verifyPassword(userDn, password);
            List<String> groups = groupsOf(service, userDn, entry.getAttributes());
            String displayName = text(entry.getAttributes().get(settings.displayNameAttribute()), login);
            return new Principal(login.toLowerCase(Locale.ROOT), displayName, provider(), groups, false);
        } catch (NamingException e) {
            throw unavailable(e);
        } finally {
            close(service);
        }
    }

    private SearchResult findUser(DirContext service, String login) throws NamingException {
        String filter = "(&(objectClass=" + settings.userObjectClass() + ")(" + settings.userLoginAttribute() + "={0}))";
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        controls.setCountLimit(2);
        controls.setReturningAttributes(new String[] {settings.displayNameAttribute(), "memberOf"});
        NamingEnumeration<SearchResult> results = service.search(settings.userSearchBase(), filter, new Object[] {login}, controls);
        try {
            if (!results.hasMore()) {
                throw new dev.drover.engine.auth.AuthenticationException(INVALID);
            }
            SearchResult first = results.next();
            if (results.hasMore()) {
                // Two entries answer to this name: refuse rather than guess which person it is.
                throw new dev.drover.engine.auth.AuthenticationException(INVALID);
            }
            return first;
        } finally {
            results.close();
        }
    }

    private void verifyPassword(String userDn, char[] password) {
        close(connect(userDn, password, null));
    }

    private List<String> groupsOf(DirContext service, String userDn, Attributes userAttributes) throws NamingException {
        List<String> groups = new ArrayList<>();
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        controls.setReturningAttributes(new String[] {"cn"});
        String filter = "(&(objectClass=" + settings.groupObjectClass() + ")(" + settings.groupMemberAttribute() + "={0}))";
        NamingEnumeration<SearchResult> results = service.search(settings.groupSearchBase(), filter, new Object[] {userDn}, controls);
        try {
            while (results.hasMore()) {
                groups.add(text(results.next().getAttributes().get("cn"), null));
            }
        } finally {
            results.close();
        }
        Attribute memberOf = userAttributes.get("memberOf");
        if (memberOf != null) {
            for (int i = 0; i < memberOf.size(); i++) {
                String cn = firstRdnValue(String.valueOf(memberOf.get(i)));
                if (!groups.contains(cn)) {
                    groups.add(cn);
                }
            }
        }
        groups.removeIf(g -> g == null || g.isBlank());
        return List.copyOf(groups);
    }

    private DirContext connect(String dn, char[] password, String whoForErrors) {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, settings.url().toString());
        env.put(Context.SECURITY_AUTHENTICATION, "simple");
        env.put(Context.SECURITY_PRINCIPAL, dn);
        env.put(Context.SECURITY_CREDENTIALS, new String(password));
        env.put(Context.REFERRAL, "ignore");
        env.put("com.sun.jndi.ldap.connect.timeout", String.valueOf(settings.timeout().toMillis()));
        env.put("com.sun.jndi.ldap.read.timeout", String.valueOf(settings.timeout().toMillis()));
        try {
            return new InitialDirContext(env);
        } catch (AuthenticationException e) {
            if (whoForErrors != null) {
                throw new IllegalStateException("LDAP rejected " + whoForErrors + " (" + dn + "): check its DN and password.", e);
            }
            throw new dev.drover.engine.auth.AuthenticationException(INVALID, e);
        } catch (NamingException e) {
            throw unavailable(e);
        }
    }

    private IllegalStateException unavailable(NamingException e) {
        return new IllegalStateException("LDAP server " + settings.url() + " cannot be used: " + e.getExplanation(), e);
    }

    private static String text(Attribute attribute, String fallback) throws NamingException {
        return attribute == null || attribute.size() == 0 ? fallback : String.valueOf(attribute.get(0));
    }

    static String firstRdnValue(String dn) {
        int equals = dn.indexOf('=');
        int comma = dn.indexOf(',');
        if (equals < 0) {
            return dn;
        }
        return dn.substring(equals + 1, comma < 0 ? dn.length() : comma);
    }

    private static void close(DirContext context) {
        try {
            context.close();
        } catch (NamingException ignored) {
            // nothing to do about a failing close
        }
    }
}
