package io.github.cameloffice365.simulator.identity;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * An RSA key pair and a self-signed certificate for it, made with BouncyCastle: the server's TLS certificate
 * (SAN IP 127.0.0.1 and DNS localhost) and the certificates applications sign their client assertions with.
 *
 * @param keyPair the key pair
 * @param certificate the self-signed certificate of the public key
 */
public record SelfSignedCertificate(KeyPair keyPair, X509Certificate certificate) {

    /** A certificate for the loopback server: SAN IP 127.0.0.1 and DNS localhost. */
    public static SelfSignedCertificate forLoopbackServer() {
        GeneralNames names = new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.dNSName, "localhost")
        });
        return generate("CN=localhost, O=camel-office365 Graph simulator", names);
    }

    /** A certificate for an application's client assertions. */
    public static SelfSignedCertificate forApplication(String displayName) {
        return generate("CN=" + displayName.replaceAll("[,=+<>#;\"\\\\]", " "), null);
    }

    private static SelfSignedCertificate generate(String subject, GeneralNames subjectAlternativeNames) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keyPair = generator.generateKeyPair();
            X500Name name = new X500Name(subject);
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))), name, keyPair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            if (subjectAlternativeNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames);
            }
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA")
                            .build(keyPair.getPrivate())));
            return new SelfSignedCertificate(keyPair, certificate);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    /** A PKCS#12 key store holding the key and certificate under this alias. */
    public KeyStore toKeyStore(String alias, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, keyPair.getPrivate(), password, new Certificate[] {certificate});
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build a key store: " + e.getMessage(), e);
        }
    }

    /** Writes the key and certificate as a PKCS#12 file. */
    public void writePkcs12(Path file, String alias, char[] password) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            toKeyStore(alias, password).store(out, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot write the PKCS#12 file " + file + ": " + e.getMessage(), e);
        }
    }
}
