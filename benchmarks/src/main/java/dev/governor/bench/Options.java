package dev.governor.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;

/** {@code name=value} command-line options, and the loopback-only rule every benchmark follows. */
final class Options {

    private Options() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("Options are name=value, not '" + arg + "'");
            }
            options.put(kv[0], kv[1]);
        }
        return options;
    }

    /** The URI, if its host is a loopback address; a benchmark never sends load anywhere else. */
    static URI loopback(String url) {
        URI uri = URI.create(url);
        try {
            if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("Benchmarks only target loopback addresses, not " + uri.getHost());
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Unknown host " + uri.getHost(), e);
        }
        return uri;
    }
}
