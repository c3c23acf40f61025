package dev.governor.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The local addresses that listen on a port, read from the kernel's socket tables ({@code /proc/net/tcp}
 * and {@code tcp6}) — without sending anything anywhere.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    /** Each listening socket's local address on the port, as hex the kernel writes ({@code 0100007F} is 127.0.0.1). */
    static List<String> addressesOf(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        String portHex = String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] columns = line.trim().split("\\s+");
                String[] local = columns[1].split(":");
                if (local[1].equalsIgnoreCase(portHex) && columns[3].equalsIgnoreCase(LISTEN)) {
                    addresses.add(local[0]);
                }
            }
        }
        return addresses;
    }

    /** 127.0.0.0/8 in IPv4, ::1 or an IPv4-mapped loopback in IPv6. */
    static boolean isLoopback(String hexAddress) {
        String address = hexAddress.toUpperCase(Locale.ROOT);
        if (address.length() == 8) {
            return address.endsWith("7F");
        }
        return address.equals("00000000000000000000000001000000") || address.equals("0000000000000000FFFF00000100007F");
    }
}
