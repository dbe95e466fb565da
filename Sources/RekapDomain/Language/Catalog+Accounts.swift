extension Catalog {
    /// Logging in, setting a password, and the answers to both.
    public enum Accounts {
        public static let loginTitle = LocalizedText(id: "Masuk ke rekap", en: "Log in to rekap")
        public static let login = LocalizedText(id: "Nama login", en: "Login")
        public static let password = LocalizedText(id: "Kata sandi", en: "Password")
        public static let logIn = LocalizedText(id: "Masuk", en: "Log in")
        public static let loginNote = LocalizedText(
            id: "Peramban ini tetap masuk sampai Anda keluar. Belum punya kata sandi? Gunakan kode sekali pakai dari admin di halaman Atur kata sandi.",
            en: "This browser stays logged in until you log out. No password yet? Use the one-time code from your administrator on the Set password page.")
        public static let setPasswordTitle = LocalizedText(id: "Atur kata sandi", en: "Set your password")
        public static let setupCode = LocalizedText(id: "Kode sekali pakai", en: "One-time code")
        public static let newPassword = LocalizedText(id: "Kata sandi baru (minimal 10 karakter)", en: "New password (at least 10 characters)")
        public static let repeatPassword = LocalizedText(id: "Ulangi kata sandi baru", en: "Repeat the new password")
        public static let savePassword = LocalizedText(id: "Simpan kata sandi", en: "Save the password")
        public static let setPasswordNote = LocalizedText(
            id: "Kode hanya berlaku sekali dan untuk waktu terbatas. Setelah disimpan, masuk dengan nama login dan kata sandi baru Anda.",
            en: "The code works once and for a limited time. Once saved, log in with your login and your new password.")

        // Answers.
        /// One answer for every failed login (wrong password, unknown login, locked, disabled): it
        /// does not tell whether the login exists.
        public static let loginFailed = LocalizedText(
            id: "Nama login atau kata sandi salah, atau akun dikunci sementara karena terlalu banyak percobaan. Coba lagi nanti.",
            en: "Wrong login or password, or the account is locked for a while after too many attempts. Try again later.")
        public static let loginMissing = LocalizedText(id: "Isi nama login dan kata sandi.", en: "Enter your login and password.")
        public static let formExpired = LocalizedText(id: "Formulir sudah kedaluwarsa; silakan ulangi.", en: "The form has expired; please try again.")
        public static let otherSite = LocalizedText(id: "Formulir itu berasal dari situs lain; ulangi di sini.", en: "That form came from another site; use this one.")
        public static let tooLong = LocalizedText(id: "Isian terlalu panjang.", en: "That is too long.")
        public static let loggedOut = LocalizedText(id: "Anda sudah keluar.", en: "You are logged out.")
        public static let sessionEnded = LocalizedText(id: "Sesi Anda telah berakhir; silakan masuk lagi.", en: "Your session has ended; please log in again.")
        public static let sessionExpired = LocalizedText(id: "Sesi Anda kedaluwarsa; silakan masuk lagi.", en: "Your session has expired; please log in again.")
        public static let passwordSet = LocalizedText(id: "Kata sandi tersimpan. Silakan masuk.", en: "Your password is saved. Please log in.")
        public static let codeInvalid = LocalizedText(
            id: "Kode itu tidak berlaku: salah, sudah dipakai, atau kedaluwarsa. Mintalah kode baru kepada admin.",
            en: "That code does not work: it is wrong, used already, or expired. Ask your administrator for a new one.")
        public static let passwordsDiffer = LocalizedText(id: "Kedua kata sandi tidak sama.", en: "The two passwords differ.")
        public static let passwordTooShort = LocalizedText(id: "Kata sandi minimal 10 karakter.", en: "A password has at least 10 characters.")
        public static let passwordTooLong = LocalizedText(id: "Kata sandi terlalu panjang (maksimal 72 byte).", en: "That password is too long (at most 72 bytes).")
        public static let notAllowed = LocalizedText(id: "Tidak diizinkan", en: "Not allowed")
        public static let dashboardIsBappedas = LocalizedText(
            id: "Dasbor ini untuk Bappeda; akun Anda tidak dapat membaca peringkat kota.",
            en: "The dashboard is for Bappeda; your account cannot read the city's rankings.")
    }
}
