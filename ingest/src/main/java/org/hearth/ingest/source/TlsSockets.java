package org.hearth.ingest.source;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS socket factory for custom trust stores and client certificates. */
final class TlsSockets {

    private TlsSockets() {}

    static SSLSocketFactory socketFactory(MqttSecurity security) throws Exception {
        TrustManagerFactory tmf = null;
        if (security.trustStore() != null) {
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(security.trustStore(), security.trustStorePassword()));
        }
        KeyManagerFactory kmf = null;
        if (security.keyStore() != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            char[] pw = security.keyStorePassword() == null ? new char[0] : security.keyStorePassword().toCharArray();
            kmf.init(load(security.keyStore(), security.keyStorePassword()), pw);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        return ctx.getSocketFactory();
    }

    private static KeyStore load(String path, String password) throws Exception {
        KeyStore store = KeyStore.getInstance(path.endsWith(".jks") ? "JKS" : "PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.load(in, password == null ? null : password.toCharArray());
        }
        return store;
    }
}
