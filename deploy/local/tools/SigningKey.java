import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;

/**
 * Prints a new RSA signing key, private half included, as one JSON Web Key (RFC 7517) on standard output:
 * the local OIDC issuer signs callers' tokens with it, so no one else holds the key that mints them.
 * Run as a single-file program: {@code java deploy/local/tools/SigningKey.java > key.jwk}.
 */
public class SigningKey {

    public static void main(String[] args) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        System.out.printf("{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\"%s\",\"e\":\"%s\","
                + "\"d\":\"%s\",\"p\":\"%s\",\"q\":\"%s\","
                + "\"dp\":\"%s\",\"dq\":\"%s\",\"qi\":\"%s\"}%n", b64(key.getModulus()), b64(key.getPublicExponent()),
                b64(key.getPrivateExponent()), b64(key.getPrimeP()), b64(key.getPrimeQ()), b64(key.getPrimeExponentP()),
                b64(key.getPrimeExponentQ()), b64(key.getCrtCoefficient()));
    }

    /** Base64url without padding of the unsigned big-endian bytes, as JWK wants them. */
    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
