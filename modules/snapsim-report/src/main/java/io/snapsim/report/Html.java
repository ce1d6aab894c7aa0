package io.snapsim.report;

/** Escaping for text and attribute values written into report pages (the run report, the sweep report). Stateless. */
public final class Html {
    private Html() {
    }

    /** {@code value} as HTML text or a double-quoted attribute value; null as the empty string. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** JSON made safe to sit inside a {@code <script>} element: no {@code </} can close it early. */
    public static String scriptSafe(String json) {
        return json.replace("</", "<\\/").replace("<!--", "<\\!--");
    }
}
