package dev.drover.engine.auth;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real OpenLDAP server (Debian's slapd) on a loopback port, loaded with a small directory:
 * users alice (groups admins, devs), bob (devs), a duplicate "twin" uid, and a service account.
 */
final class SlapdServer implements AutoCloseable {

    static final String SUFFIX = "dc=drover,dc=test";
    static final String SERVICE_DN = "cn=search," + SUFFIX;
    static final String SERVICE_PASSWORD = "search-password";
    static final String ALICE_PASSWORD = "alice-ldap-pw-1";
    static final String BOB_PASSWORD = "bob-ldap-pw-12";

    private static final Path SLAPD = Path.of("/usr/sbin/slapd");
    private static final Path SLAPADD = Path.of("/usr/sbin/slapadd");

    private final Process process;
    private final int port;

    private SlapdServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static SlapdServer start(Path directory) throws IOException, InterruptedException {
        if (!Files.isExecutable(SLAPD) || !Files.isExecutable(SLAPADD)) {
            throw new IllegalStateException("These tests need OpenLDAP's slapd: apt-get install slapd (.ci/run does).");
        }
        Path data = Files.createDirectories(directory.resolve("data"));
        Path config = directory.resolve("slapd.conf");
        Files.writeString(config, String.join("\n",
                "include /etc/ldap/schema/core.schema",
                "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema",
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb",
                "pidfile " + directory.resolve("slapd.pid"),
                "database mdb",
                "maxsize 10485760",
                "suffix \"" + SUFFIX + "\"",
                "rootdn \"cn=admin," + SUFFIX + "\"",
                "rootpw admin-password",
                "directory " + data,
                "access to attrs=userPassword by anonymous auth by * none",
                "access to * by dn.exact=\"" + SERVICE_DN + "\" read by * none",
                ""));
        Path ldif = directory.resolve("seed.ldif");
        Files.writeString(ldif, seed());
        run(List.of(SLAPADD.toString(), "-f", config.toString(), "-l", ldif.toString()), directory);
        int port = freePort();
        Process slapd = new ProcessBuilder(SLAPD.toString(), "-f", config.toString(), "-h", "ldap://127.0.0.1:" + port + "/", "-d", "0")
                .redirectErrorStream(true).redirectOutput(directory.resolve("slapd.log").toFile()).start();
        SlapdServer server = new SlapdServer(slapd, port);
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> accepts(port) || !slapd.isAlive());
            if (!slapd.isAlive()) {
                throw new IllegalStateException("slapd exited: " + Files.readString(directory.resolve("slapd.log")));
            }
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    URI url() {
        return URI.create("ldap://127.0.0.1:" + port);
    }

    LdapSettings settings() {
        return LdapSettings.openLdap(url(), SERVICE_DN, SERVICE_PASSWORD, "ou=people," + SUFFIX, "ou=groups," + SUFFIX);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String seed() {
        return """
                dn: %1$s
                objectClass: dcObject
                objectClass: organization
                dc: drover
                o: Drover Test

                dn: cn=search,%1$s
                objectClass: simpleSecurityObject
                objectClass: organizationalRole
                cn: search
                userPassword: %2$s

                dn: ou=people,%1$s
                objectClass: organizationalUnit
                ou: people

                dn: ou=groups,%1$s
                objectClass: organizationalUnit
                ou: groups

                dn: uid=alice,ou=people,%1$s
                objectClass: inetOrgPerson
                uid: alice
                cn: Alice Liddell
                sn: Liddell
                userPassword: %3$s

                dn: uid=bob,ou=people,%1$s
                objectClass: inetOrgPerson
                uid: bob
                cn: Bob Builder
                sn: Builder
                userPassword: %4$s

                dn: cn=twin-a,ou=people,%1$s
                objectClass: inetOrgPerson
                uid: twin
                cn: twin-a
                sn: A
                userPassword: twin-password-1

                dn: cn=twin-b,ou=people,%1$s
                objectClass: inetOrgPerson
                uid: twin
                cn: twin-b
                sn: B
                userPassword: twin-password-1

                dn: cn=admins,ou=groups,%1$s
                objectClass: groupOfNames
                cn: admins
                member: uid=alice,ou=people,%1$s

                dn: cn=devs,ou=groups,%1$s
                objectClass: groupOfNames
                cn: devs
                member: uid=alice,ou=people,%1$s
                member: uid=bob,ou=people,%1$s
                """.formatted(SUFFIX, SERVICE_PASSWORD, ALICE_PASSWORD, BOB_PASSWORD);
    }

    private static void run(List<String> command, Path directory) throws IOException, InterruptedException {
        Path log = directory.resolve("slapadd.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("slapadd failed: " + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
