//! The rules over a parsed page: each reads what [`observe`](super::recognise::observe) found
//! and the account, and returns findings with the place in the page.

use cookie_admin_core::cmp::{marker, Placement};
use cookie_admin_core::i18n::{join_and, pick};
use cookie_admin_core::{Catalog, CmpId, Language};

use super::account::{describe_changes_in, Account};
use super::recognise::{EmbedKind, GoogleKind, Observed};
use super::rule::Rule;
use super::scan::Page;
use super::snippets::SnippetOnPage;
use super::vendors::{self, AutoBlocking, Role};
use crate::finding::Finding;

/// Everything a rule may read.
pub struct Context<'a> {
    pub page: &'a Page,
    pub seen: &'a Observed,
    pub catalog: &'a Catalog,
    pub account: Option<&'a Account>,
    /// The language of the findings' messages and fixes.
    pub language: Language,
}

impl Context<'_> {
    fn line(&self, offset: usize) -> usize {
        self.page.line(offset)
    }

    fn script_line(&self, index: usize) -> usize {
        self.line(self.page.scripts[index].tag.start)
    }

    /// The CMPs the page runs: the loaders on the page, else the account's CMP.
    fn page_cmps(&self) -> Vec<CmpId> {
        self.seen.page_cmps()
    }

    fn account_cmp(&self) -> Option<CmpId> {
        self.account.and_then(|a| a.config.cmp)
    }
}

/// Run every page rule.
pub fn check(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    truncated(cx, &mut out);
    embeds(cx, &mut out);
    for snippet in &cx.seen.snippets {
        snippet_account(cx, snippet, &mut out);
        snippet_cmp(cx, snippet, &mut out);
        snippet_version(cx, snippet, &mut out);
        snippet_placement(cx, snippet, &mut out);
    }
    official_embed_account(cx, &mut out);
    cmp_not_found(cx, &mut out);
    cmp_duplicates(cx, &mut out);
    cmp_first(cx, &mut out);
    cookiebot_async(cx, &mut out);
    auto_blocking(cx, &mut out);
    held_back(cx, &mut out);
    consent_mode(cx, &mut out);
    tcf_stub(cx, &mut out);
    out
}

fn truncated(cx: &Context, out: &mut Vec<Finding>) {
    if let Some((at, what)) = cx.page.truncated {
        out.push(Rule::PageTruncated.finding(
            pick(
                cx.language,
                format!("The page ends inside {what} that starts at line {}: the file looks cut short, so what comes after it could not be checked.", cx.line(at)),
                format!("Strona kończy się wewnątrz {} zaczynającego się w wierszu {}: plik wygląda na ucięty, więc tego, co następuje dalej, nie dało się sprawdzić.", truncated_pl(what), cx.line(at)),
            ),
            pick(
                cx.language,
                "Save the page again (in the browser: \"Save page as\", \"Webpage, HTML only\") or copy the whole page source.",
                "Zapisz stronę ponownie (w przeglądarce: „Zapisz stronę jako”, „Strona internetowa, tylko HTML”) albo skopiuj całe źródło strony.",
            ),
            Some(cx.page.evidence(at)),
        ));
    }
}

/// The scanner's "a <script> element", "a comment", "a tag" in Polish (genitive, after
/// "wewnątrz").
fn truncated_pl(what: &str) -> &'static str {
    match what {
        "a <script> element" => "elementu <script>",
        "a comment" => "komentarza",
        _ => "znacznika",
    }
}

fn embeds(cx: &Context, out: &mut Vec<Finding>) {
    let l = cx.language;
    let page = cx.page;
    let seen = cx.seen;
    let code: Vec<_> = seen
        .embeds
        .iter()
        .filter(|e| e.kind != EmbedKind::WidgetScript && !page.scripts[e.script].inert)
        .collect();
    if code.is_empty() {
        let widget = seen
            .embeds
            .iter()
            .find(|e| e.kind == EmbedKind::WidgetScript);
        let (message, evidence) = match widget {
            Some(w) => (
                pick(
                    l,
                    format!("callpage.js is loaded at line {} but there is no CallPage embed code that gives it the widget's settings (the official code or a Cookie Admin snippet); the widget cannot start.", cx.line(w.at)),
                    format!("callpage.js jest wczytywany w wierszu {}, ale na stronie nie ma kodu osadzenia CallPage, który przekazuje mu ustawienia widżetu (oficjalnego kodu ani kodu Cookie Admin); widżet nie może się uruchomić.", cx.line(w.at)),
                ),
                Some(page.evidence(w.at)),
            ),
            None => (
                pick(
                    l,
                    "No CallPage widget code was found on the page: neither the official embed code nor a Cookie Admin snippet. Visitors cannot call or book a meeting.",
                    "Na stronie nie znaleziono kodu widżetu CallPage: ani oficjalnego kodu osadzenia, ani kodu Cookie Admin. Odwiedzający nie mogą zadzwonić ani umówić spotkania.",
                )
                .to_string(),
                None,
            ),
        };
        out.push(Rule::EmbedMissing.finding(
            message,
            pick(
                l,
                "Paste the Cookie Admin snippet for this account into the page's <head> (Snippet tab, or `cookie-admin-cli snippet`). If the page loads the widget through a tag manager, check the page in the browser instead (a saved page shows only what the server sent).",
                "Wklej kod Cookie Admin tego konta do sekcji <head> strony (karta Kod albo `cookie-admin-cli snippet`). Jeśli strona wczytuje widżet przez menedżer tagów, sprawdź stronę w przeglądarce (zapisana strona pokazuje tylko to, co wysłał serwer).",
            ),
            evidence,
        ));
        return;
    }
    for embed in &code {
        let script = &page.scripts[embed.script];
        if !script.runs() {
            let markup = vendors::held_back_markup(script);
            let by = markup
                .first()
                .map(|m| format!(" ({} {})", m.cmp.name(), m.marker))
                .unwrap_or_else(|| format!(" (type=\"{}\")", script.type_attr()));
            out.push(Rule::HeldBackMarkup.finding(
                pick(
                    l,
                    format!("The CallPage embed at line {} is held back until consent{by}: calls and meetings need no consent, yet visitors who refuse cookies get no widget.", cx.line(embed.at)),
                    format!("Kod osadzenia CallPage w wierszu {} jest wstrzymany do czasu zgody{by}: rozmowy i spotkania nie wymagają zgody, a mimo to odwiedzający, którzy odmówią plików cookie, nie zobaczą widżetu.", cx.line(embed.at)),
                ),
                pick(
                    l,
                    "Let the embed run as a normal script: remove the blocking type and category attributes from it (only the optional features wait for consent, and the Cookie Admin snippet handles that). If the CMP rewrote it automatically, add the exemption the snippet steps give for this CMP.",
                    "Pozwól, by kod osadzenia działał jak zwykły skrypt: usuń z niego blokujące atrybuty type i kategorii (na zgodę czekają tylko funkcje opcjonalne, a zajmuje się tym kod Cookie Admin). Jeśli CMP przepisał go automatycznie, dodaj wyjątek, który podaje instrukcja do kodu dla tego CMP.",
                ),
                Some(page.evidence(script.attribute("type").map_or(embed.at, |a| a.at))),
            ));
        }
    }
    let official: Vec<_> = code
        .iter()
        .filter(|e| e.kind == EmbedKind::Official)
        .collect();
    let ours: Vec<_> = code.iter().filter(|e| e.kind == EmbedKind::Ours).collect();
    if official.len() > 1 {
        out.push(Rule::EmbedDuplicate.finding(
            pick(
                l,
                format!("The official CallPage embed code is on the page {} times (lines {}); the widget refuses to start twice (\"You could have only 1 CallPage code on your website!\").", official.len(), lines(cx, official.iter().map(|e| e.at))),
                format!("Oficjalny kod osadzenia CallPage jest na stronie {} (wiersze {}); widżet odmawia drugiego uruchomienia („You could have only 1 CallPage code on your website!”).", times_pl(official.len()), lines(cx, official.iter().map(|e| e.at))),
            ),
            pick(
                l,
                "Keep one copy: replace all of them with the Cookie Admin snippet for this account.",
                "Zostaw jedną kopię: zastąp je wszystkie kodem Cookie Admin tego konta.",
            ),
            Some(page.evidence(official[1].at)),
        ));
    }
    if ours.len() > 1 {
        out.push(Rule::EmbedDuplicate.finding(
            pick(
                l,
                format!("The Cookie Admin snippet is on the page {} times (lines {}): the widget is embedded more than once.", ours.len(), lines(cx, ours.iter().map(|e| e.at))),
                format!("Kod Cookie Admin jest na stronie {} (wiersze {}): widżet jest osadzony więcej niż raz.", times_pl(ours.len()), lines(cx, ours.iter().map(|e| e.at))),
            ),
            pick(
                l,
                "Keep exactly one snippet, in <head>; delete the others.",
                "Zostaw dokładnie jeden kod, w <head>; usuń pozostałe.",
            ),
            Some(page.evidence(ours[1].at)),
        ));
    }
    if let (Some(old), Some(new)) = (official.first(), ours.first()) {
        out.push(Rule::OldEmbedBesideSnippet.finding(
            pick(
                l,
                format!("The old CallPage embed code (line {}) is still on the page next to the Cookie Admin snippet (line {}), which replaces it: the widget is embedded twice and the old code loads it without the consent handling.", cx.line(old.at), cx.line(new.at)),
                format!("Stary kod osadzenia CallPage (wiersz {}) wciąż jest na stronie obok kodu Cookie Admin (wiersz {}), który go zastępuje: widżet jest osadzony dwa razy, a stary kod wczytuje go bez obsługi zgody.", cx.line(old.at), cx.line(new.at)),
            ),
            pick(
                l,
                "Delete the old embed code; keep only the Cookie Admin snippet.",
                "Usuń stary kod osadzenia; zostaw tylko kod Cookie Admin.",
            ),
            Some(page.evidence(old.at)),
        ));
    }
}

/// "2 razy", "5 razy" ("raz" only for one, which these messages never say).
fn times_pl(n: usize) -> String {
    if n == 1 {
        "1 raz".to_string()
    } else {
        format!("{n} razy")
    }
}

fn lines(cx: &Context, offsets: impl Iterator<Item = usize>) -> String {
    offsets
        .map(|o| cx.line(o).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The official embed's widget id against the account's.
fn official_embed_account(cx: &Context, out: &mut Vec<Finding>) {
    let Some(account) = cx.account else { return };
    for embed in cx
        .seen
        .embeds
        .iter()
        .filter(|e| e.kind == EmbedKind::Official)
    {
        if let Some(id) = &embed.widget_id {
            if id != &account.config.account.id {
                out.push(Rule::SnippetOtherAccount.finding(
                    pick(
                        cx.language,
                        format!("The CallPage embed at line {} is for widget \"{}\", not for {} (\"{}\").", cx.line(embed.at), super::text::shorten(id, 80), account.name, account.config.account.id),
                        format!("Kod osadzenia CallPage w wierszu {} jest dla widżetu „{}”, a nie dla konta {} („{}”).", cx.line(embed.at), super::text::shorten(id, 80), account.name, account.config.account.id),
                    ),
                    pick(
                        cx.language,
                        format!("Replace it with the Cookie Admin snippet of {} (or check that the right account is open).", account.name),
                        format!("Zastąp go kodem Cookie Admin konta {} (albo sprawdź, czy otwarte jest właściwe konto).", account.name),
                    ),
                    Some(cx.page.evidence(embed.at)),
                ));
            }
        }
    }
}

fn snippet_account(cx: &Context, snippet: &SnippetOnPage, out: &mut Vec<Finding>) {
    let Some(account) = cx.account else { return };
    let Some(id) = &snippet.widget_id else { return };
    if id != &account.config.account.id {
        let whose = snippet
            .account_name
            .as_deref()
            .map(|n| {
                let n = super::text::shorten(n, 60);
                pick(
                    cx.language,
                    format!(" (account \"{n}\")"),
                    format!(" (konto „{n}”)"),
                )
            })
            .unwrap_or_default();
        out.push(Rule::SnippetOtherAccount.finding(
            pick(
                cx.language,
                format!("The Cookie Admin snippet at line {} belongs to another account{whose}: its widget id is \"{}\", {}'s is \"{}\".", cx.line(snippet.at), super::text::shorten(id, 80), account.name, account.config.account.id),
                format!("Kod Cookie Admin w wierszu {} należy do innego konta{whose}: jego identyfikator widżetu to „{}”, a konta {} to „{}”.", cx.line(snippet.at), super::text::shorten(id, 80), account.name, account.config.account.id),
            ),
            pick(
                cx.language,
                format!("Replace it with {}'s snippet (or open the account the page belongs to).", account.name),
                format!("Zastąp go kodem konta {} (albo otwórz konto, do którego należy strona).", account.name),
            ),
            Some(cx.page.evidence(snippet.at)),
        ));
    }
}

fn snippet_cmp(cx: &Context, snippet: &SnippetOnPage, out: &mut Vec<Finding>) {
    let l = cx.language;
    let Some(target) = snippet.target else { return };
    if matches!(target, CmpId::Gcm | CmpId::Tcf) {
        // Frameworks, not CMPs: they work with whichever CMP sends their signals.
        if let Some(cmp) = cx.account_cmp().filter(|c| *c != target) {
            out.push(Rule::SnippetOtherCmp.finding(
                generated_for(l, cx.line(snippet.at), target, cmp),
                pick(
                    l,
                    format!(
                        "Generate the snippet for {} and replace this one.",
                        cmp.name()
                    ),
                    format!("Wygeneruj kod dla {} i zastąp nim ten.", cmp.name()),
                ),
                Some(cx.page.evidence(snippet.at)),
            ));
        }
        return;
    }
    let page_cmps = cx.page_cmps();
    if !page_cmps.is_empty() && !page_cmps.contains(&target) {
        let names: Vec<String> = page_cmps.iter().map(|c| c.name().to_string()).collect();
        let loader = cx.seen.cmps.iter().find(|c| c.role == Role::Loader);
        out.push(Rule::SnippetOtherCmp.finding(
            pick(
                l,
                format!(
                    "The snippet at line {} was generated for {}, but the page runs {}{}: {} never reports consent to this snippet, so the optional features stay off.",
                    cx.line(snippet.at),
                    target.name(),
                    join_and(&names, l),
                    loader.map(|c| format!(" (line {})", cx.script_line(c.script))).unwrap_or_default(),
                    target.name(),
                ),
                format!(
                    "Kod w wierszu {} wygenerowano dla {}, ale strona używa {}{}: {} nigdy nie przekaże temu kodowi zgody, więc funkcje opcjonalne pozostaną wyłączone.",
                    cx.line(snippet.at),
                    target.name(),
                    join_and(&names, l),
                    loader.map(|c| format!(" (wiersz {})", cx.script_line(c.script))).unwrap_or_default(),
                    target.name(),
                ),
            ),
            pick(
                l,
                format!("Set the account's CMP to {} and paste the snippet generated for it instead.", page_cmps[0].name()),
                format!("Zmień CMP konta na {} i wklej zamiast tego kod wygenerowany dla niego.", page_cmps[0].name()),
            ),
            Some(cx.page.evidence(snippet.at)),
        ));
    } else if let Some(cmp) = cx.account_cmp().filter(|c| *c != target) {
        out.push(Rule::SnippetOtherCmp.finding(
            generated_for(l, cx.line(snippet.at), target, cmp),
            pick(
                l,
                format!(
                    "Paste the snippet generated for {} instead (or correct the account's CMP).",
                    cmp.name()
                ),
                format!(
                    "Wklej zamiast niego kod wygenerowany dla {} (albo zmień CMP konta).",
                    cmp.name()
                ),
            ),
            Some(cx.page.evidence(snippet.at)),
        ));
    }
}

/// "The snippet at line 3 was generated for X, but the account uses Y."
fn generated_for(l: Language, line: usize, target: CmpId, cmp: CmpId) -> String {
    pick(
        l,
        format!(
            "The snippet at line {line} was generated for {}, but the account uses {}.",
            target.name(),
            cmp.name()
        ),
        format!(
            "Kod w wierszu {line} wygenerowano dla {}, ale konto używa {}.",
            target.name(),
            cmp.name()
        ),
    )
}

/// The snippet against the account: which version it came from (by its marker's
/// configuration fingerprint), whether it was edited (by its content fingerprint), whether this
/// Cookie Admin generates other code for the same configuration. Snippets from before markers
/// are compared with what each stored version generates.
fn snippet_version(cx: &Context, snippet: &SnippetOnPage, out: &mut Vec<Finding>) {
    let l = cx.language;
    let at = Some(cx.page.evidence(snippet.at));
    let line = cx.line(snippet.at);
    match &snippet.marker {
        Some(Err(error)) => {
            out.push(Rule::SnippetEdited.finding(
                pick(
                    l,
                    format!("The snippet marker at line {line} was changed and cannot be read ({error}): the snippet was edited by hand."),
                    format!("Znacznik kodu w wierszu {line} został zmieniony i nie da się go odczytać ({error}): kod edytowano ręcznie."),
                ),
                pick(
                    l,
                    "Replace the whole snippet with a freshly copied one.",
                    "Zastąp cały kod świeżo skopiowanym.",
                ),
                at.clone(),
            ));
            return;
        }
        Some(Ok(_)) if !snippet.closed => {
            out.push(Rule::SnippetEdited.finding(
                pick(
                    l,
                    format!("The snippet that starts at line {line} has no end marker (<!-- /callpage-snippet -->): it was cut short or edited by hand."),
                    format!("Kod zaczynający się w wierszu {line} nie ma znacznika końca (<!-- /callpage-snippet -->): został ucięty albo edytowany ręcznie."),
                ),
                pick(
                    l,
                    "Replace the whole snippet, from its first to its last line, with a freshly copied one.",
                    "Zastąp cały kod, od pierwszego do ostatniego wiersza, świeżo skopiowanym.",
                ),
                at.clone(),
            ));
        }
        Some(Ok(_)) if snippet.intact == Some(false) => {
            out.push(Rule::SnippetEdited.finding(
                pick(
                    l,
                    format!("The snippet at line {line} was edited by hand after it was generated: its content no longer matches the fingerprint in its marker."),
                    format!("Kod w wierszu {line} edytowano ręcznie po wygenerowaniu: jego treść nie zgadza się już z odciskiem w znaczniku."),
                ),
                pick(
                    l,
                    "Replace it with a freshly copied snippet; make changes in Cookie Admin, not in the page, so that the next check can tell.",
                    "Zastąp go świeżo skopiowanym kodem; zmiany wprowadzaj w Cookie Admin, nie na stronie, aby kolejne sprawdzenie mogło je rozpoznać.",
                ),
                at.clone(),
            ));
        }
        _ => {}
    }
    let Some(account) = cx.account else { return };
    let Some(target) = snippet.target else { return };
    if snippet
        .widget_id
        .as_deref()
        .is_some_and(|id| id != account.config.account.id)
    {
        return; // another account's snippet: said already
    }
    // The snippet in each language the instructions can have (the code is the same; the
    // leading comment, and so the content fingerprint, differs).
    let generated: Vec<_> = Language::ALL
        .into_iter()
        .map(|lang| cookie_admin_core::cmp::snippet(cx.catalog, &account.config, target, lang))
        .collect();
    let Some(m) = snippet.marker() else {
        // Snippets without a marker come from before the instructions had languages: English.
        legacy_version(cx, snippet, account, target, &generated[0].html, out);
        return;
    };
    let current = marker::config_fingerprint(&account.config);
    if generated.iter().any(|g| m.content == g.marker.content) {
        return; // the page has exactly what the account generates now
    }
    if m.config == current {
        if snippet.intact == Some(true) {
            out.push(Rule::SnippetGeneratorNewer.finding(
                pick(
                    l,
                    format!(
                        "The snippet at line {line} was generated from {}'s current configuration by Cookie Admin {} (catalog {}); this Cookie Admin ({}, catalog {}) generates different code for it.",
                        account.name,
                        super::text::shorten(&m.generator, 20),
                        super::text::shorten(&m.catalog, 20),
                        cookie_admin_core::VERSION,
                        cx.catalog.catalog_version,
                    ),
                    format!(
                        "Kod w wierszu {line} wygenerował Cookie Admin {} (katalog {}) z bieżącej konfiguracji konta {}; ten Cookie Admin ({}, katalog {}) generuje dla niej inny kod.",
                        super::text::shorten(&m.generator, 20),
                        super::text::shorten(&m.catalog, 20),
                        account.name,
                        cookie_admin_core::VERSION,
                        cx.catalog.catalog_version,
                    ),
                ),
                pick(
                    l,
                    "Nothing is wrong with the configuration; paste the current snippet when convenient to get the generator's fixes.",
                    "Z konfiguracją wszystko w porządku; w wolnej chwili wklej bieżący kod, aby otrzymać poprawki generatora.",
                ),
                at,
            ));
        }
        return;
    }
    let found = account
        .versions_newest_first()
        .into_iter()
        .find(|k| marker::config_fingerprint(&k.config) == m.config);
    let current_label = account.version.map_or(
        pick(l, "the one checked against", "ta sprawdzana").to_string(),
        |v| v.to_string(),
    );
    let message = match found {
        Some(old) => outdated(cx, account, target, old, &current_label),
        None => pick(
            l,
            format!(
                "The snippet at line {line} was generated from a configuration of {} that is none of its stored versions (configuration fingerprint {}); the current version is {current_label} and generates different code.",
                account.name,
                super::text::shorten(&m.config, 20)
            ),
            format!(
                "Kod w wierszu {line} wygenerowano z konfiguracji konta {}, która nie jest żadną z jego zapisanych wersji (odcisk konfiguracji {}); bieżąca wersja to {current_label} i generuje inny kod.",
                account.name,
                super::text::shorten(&m.config, 20)
            ),
        ),
    };
    out.push(Rule::SnippetOutdated.finding(message, copy_current(l), at));
}

/// "This page has X's snippet for Y from version 3; the current version is 5 (... since)."
fn outdated(
    cx: &Context,
    account: &Account,
    target: CmpId,
    old: &super::account::KnownVersion,
    current_label: &str,
) -> String {
    let l = cx.language;
    let changes = describe_changes_in(cx.catalog, &old.config, &account.config, l);
    let since = if changes.is_empty() {
        String::new()
    } else {
        pick(
            l,
            format!(" ({} since)", join_and(&changes, l)),
            format!(" (od tamtej pory: {})", join_and(&changes, l)),
        )
    };
    pick(
        l,
        format!("This page has {}'s snippet for {} from version {}; the current version is {current_label}{since}.", account.name, target.name(), old.version),
        format!("Na tej stronie jest kod konta {} dla {} z wersji {}; bieżąca wersja to {current_label}{since}.", account.name, target.name(), old.version),
    )
}

fn copy_current(l: Language) -> &'static str {
    pick(
        l,
        "Copy the current snippet (Snippet tab) and replace the old one on every page.",
        "Skopiuj bieżący kod (karta Kod) i zastąp nim stary na każdej stronie.",
    )
}

/// A snippet without a marker: compare it with what the stored versions generate.
fn legacy_version(
    cx: &Context,
    snippet: &SnippetOnPage,
    account: &Account,
    target: CmpId,
    current_html: &str,
    out: &mut Vec<Finding>,
) {
    let l = cx.language;
    let on_page = normalise(&legacy_text(cx.page, snippet));
    // Generated snippets now carry markers; the page's has none: compare without them.
    let generate = |html: &str| normalise(&strip_markers(html));
    if on_page == generate(current_html) {
        return;
    }
    let at = Some(cx.page.evidence(snippet.at));
    for known in account.versions_newest_first() {
        if Some(known.version) == account.version {
            continue;
        }
        let html =
            cookie_admin_core::cmp::snippet(cx.catalog, &known.config, target, Language::En).html;
        if on_page == generate(&html) {
            let current = account
                .version
                .map_or(pick(l, "newer", "nowsza").to_string(), |v| v.to_string());
            out.push(Rule::SnippetOutdated.finding(
                outdated(cx, account, target, known, &current),
                copy_current(l),
                at,
            ));
            return;
        }
    }
    out.push(Rule::SnippetEdited.finding(
        pick(
            l,
            format!("The snippet at line {} has no marker and does not match what {} (or any of its stored versions) generates for {}: it was edited by hand, or generated by an older Cookie Admin.", cx.line(snippet.at), account.name, target.name()),
            format!("Kod w wierszu {} nie ma znacznika i nie zgadza się z tym, co konto {} (ani żadna z jego zapisanych wersji) generuje dla {}: edytowano go ręcznie albo wygenerował go starszy Cookie Admin.", cx.line(snippet.at), account.name, target.name()),
        ),
        pick(
            l,
            "Replace it with a freshly copied snippet (it carries a marker, so the next check can tell its version).",
            "Zastąp go świeżo skopiowanym kodem (ma znacznik, więc kolejne sprawdzenie rozpozna jego wersję).",
        ),
        at,
    ));
}

/// The page text of a snippet without a marker, as generated (it ends with `</script>`).
fn legacy_text(page: &Page, snippet: &SnippetOnPage) -> String {
    let mut text = page
        .text
        .get(snippet.at..snippet.end)
        .unwrap_or("")
        .to_string();
    text.push_str("</script>");
    text
}

/// Generated HTML without its begin and end marker comments.
fn strip_markers(html: &str) -> String {
    html.lines()
        .filter(|l| {
            let l = l.trim();
            !(l.starts_with("<!-- callpage-snippet ") || l == marker::END_COMMENT)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// White space runs become one space (a page editor may re-indent).
fn normalise(text: &str) -> String {
    marker::normalise_whitespace(text)
}

fn snippet_placement(cx: &Context, snippet: &SnippetOnPage, out: &mut Vec<Finding>) {
    let Some(target) = snippet.target.or(cx.account_cmp()) else {
        return;
    };
    let first = |role: Role| {
        cx.seen
            .cmps
            .iter()
            .find(|c| c.cmp == target && c.role == role)
    };
    let loader = first(Role::Loader);
    let config = first(Role::Config);
    let l = cx.language;
    let tag = |c: &vendors::CmpScript| cx.page.scripts[c.script].tag.start;
    let at = snippet.at;
    let misplaced = |message: String, fix: String| {
        Rule::SnippetMisplaced.finding(message, fix, Some(cx.page.evidence(at)))
    };
    match target.facts().placement {
        // The Consent Mode default's place is judged by site.gcm_default_late.
        Placement::Anywhere | Placement::BeforeGoogleTag => {}
        Placement::AfterCmp => {
            if let Some(c) = loader.filter(|c| at < tag(c)) {
                out.push(misplaced(
                    pick(
                        l,
                        format!("The snippet (line {}) comes before the {} script (line {}); it must follow it, or {} is not there yet when the snippet asks for consent and the held-back scripts.", cx.line(at), target.name(), cx.script_line(c.script), target.name()),
                        format!("Kod (wiersz {}) stoi przed skryptem {} (wiersz {}); musi stać po nim, inaczej {} jeszcze nie istnieje, gdy kod pyta o zgodę i wstrzymane skrypty.", cx.line(at), target.name(), cx.script_line(c.script), target.name()),
                    ),
                    pick(
                        l,
                        format!("Move the snippet below the {} script.", target.name()),
                        format!("Przenieś kod pod skrypt {}.", target.name()),
                    ),
                ));
            }
            // tarteaucitron: the service the snippet registers needs tarteaucitron.init first.
            if target == CmpId::Tarteaucitron {
                if let Some(c) = config.filter(|c| at < tag(c)) {
                    out.push(misplaced(
                        pick(
                            l,
                            format!("The snippet (line {}) comes before tarteaucitron.init(...) (line {}); it must follow both tarteaucitron.js and tarteaucitron.init(...).", cx.line(at), cx.script_line(c.script)),
                            format!("Kod (wiersz {}) stoi przed tarteaucitron.init(...) (wiersz {}); musi stać po tarteaucitron.js i po tarteaucitron.init(...).", cx.line(at), cx.script_line(c.script)),
                        ),
                        pick(
                            l,
                            "Move the snippet below tarteaucitron.init(...).",
                            "Przenieś kod pod tarteaucitron.init(...).",
                        )
                        .to_string(),
                    ));
                }
            }
        }
        Placement::BeforeCmp => {
            if let Some(c) = loader.filter(|c| at > tag(c)) {
                out.push(misplaced(
                    pick(
                        l,
                        format!("The snippet (line {}) comes after the {} script (line {}); its first script sets {}'s automatic-blocking exemption for the widget, which {} reads only when it loads, so it must come above it.", cx.line(at), target.name(), cx.script_line(c.script), target.name(), target.name()),
                        format!("Kod (wiersz {}) stoi po skrypcie {} (wiersz {}); jego pierwszy skrypt ustawia dla widżetu wyjątek od automatycznego blokowania {}, który {} odczytuje tylko przy wczytaniu, więc kod musi stać nad nim.", cx.line(at), target.name(), cx.script_line(c.script), target.name(), target.name()),
                    ),
                    pick(
                        l,
                        format!("Move the snippet above the {} script.", target.name()),
                        format!("Przenieś kod nad skrypt {}.", target.name()),
                    ),
                ));
            }
        }
        Placement::BetweenConfigAndCmp => {
            let what = match target {
                CmpId::Iubenda => ("_iub.csConfiguration", "cs.js (iubenda_cs.js)"),
                _ => ("klaroConfig", "klaro.js"),
            };
            if let Some(c) = config.filter(|c| at < tag(c)) {
                out.push(misplaced(
                    pick(
                        l,
                        format!("The snippet (line {}) comes before the script that sets {} (line {}): that script replaces the settings the snippet adds, so {} never tells the snippet about consent.", cx.line(at), what.0, cx.script_line(c.script), target.name()),
                        format!("Kod (wiersz {}) stoi przed skryptem, który ustawia {} (wiersz {}): ten skrypt zastępuje ustawienia dodane przez kod, więc {} nigdy nie przekaże kodowi zgody.", cx.line(at), what.0, cx.script_line(c.script), target.name()),
                    ),
                    pick(
                        l,
                        format!("Move the snippet between the {} script and {}.", what.0, what.1),
                        format!("Przenieś kod między skrypt {} a {}.", what.0, what.1),
                    ),
                ));
            }
            let deferred = |c: &&vendors::CmpScript| {
                target == CmpId::Klaro && cx.page.scripts[c.script].is_defer()
            };
            if let Some(c) = loader.filter(|c| at > tag(c) && !deferred(c)) {
                out.push(misplaced(
                    pick(
                        l,
                        format!("The snippet (line {}) comes after {} (line {}), which may already have read its settings: the snippet must sit between {} and {}.", cx.line(at), what.1, cx.script_line(c.script), what.0, what.1),
                        format!("Kod (wiersz {}) stoi po {} (wiersz {}), który mógł już odczytać swoje ustawienia: kod musi stać między {} a {}.", cx.line(at), what.1, cx.script_line(c.script), what.0, what.1),
                    ),
                    pick(
                        l,
                        format!("Move the snippet above {}.", what.1),
                        format!("Przenieś kod nad {}.", what.1),
                    ),
                ));
            }
        }
    }
}

fn cmp_not_found(cx: &Context, out: &mut Vec<Finding>) {
    let mut wanted: Vec<(CmpId, &str)> = Vec::new();
    for snippet in &cx.seen.snippets {
        if let Some(t) = snippet.target {
            wanted.push((t, "the snippet is generated for"));
        }
    }
    if let Some(c) = cx.account_cmp() {
        wanted.push((c, "the account uses"));
    }
    let page_cmps = cx.page_cmps();
    let mut said = Vec::new();
    for (cmp, why) in wanted {
        if matches!(cmp, CmpId::Gcm | CmpId::Tcf) || said.contains(&cmp) || page_cmps.contains(&cmp)
        {
            continue;
        }
        // Another CMP on the page is a mismatch (said by the snippet rules), not a missing CMP.
        if !page_cmps.is_empty() && why != "the account uses" {
            continue;
        }
        said.push(cmp);
        let l = cx.language;
        let why_pl = if why == "the account uses" {
            "konto używa"
        } else {
            "kod wygenerowano dla"
        };
        out.push(Rule::CmpNotFound.finding(
            pick(
                l,
                format!("No {} script was found on the page, though {why} {}. Without it the optional features never switch on.", cmp.name(), cmp.name()),
                format!("Na stronie nie znaleziono skryptu {}, choć {why_pl} {}. Bez niego funkcje opcjonalne nigdy się nie włączą.", cmp.name(), cmp.name()),
            ),
            pick(
                l,
                format!("Check that {} is installed on this page. If it is loaded by a tag manager, the saved page cannot show it: check the page in the browser, or record a HAR.", cmp.name()),
                format!("Sprawdź, czy {} jest zainstalowany na tej stronie. Jeśli wczytuje go menedżer tagów, zapisana strona tego nie pokaże: sprawdź stronę w przeglądarce albo nagraj plik HAR.", cmp.name()),
            ),
            None,
        ));
    }
}

fn cmp_duplicates(cx: &Context, out: &mut Vec<Finding>) {
    for cmp in cx.page_cmps() {
        let loaders: Vec<_> = cx.seen.loaders(cmp).collect();
        if loaders.len() > 1 {
            let second = loaders[1];
            out.push(Rule::CmpDuplicate.finding(
                pick(
                    cx.language,
                    format!("{} is loaded {} times (lines {}): two copies fight over the banner, the consent and the blocking.", cmp.name(), loaders.len(), lines(cx, loaders.iter().map(|l| cx.page.scripts[l.script].tag.start))),
                    format!("{} jest wczytywany {} (wiersze {}): dwie kopie walczą o baner, zgodę i blokowanie.", cmp.name(), times_pl(loaders.len()), lines(cx, loaders.iter().map(|l| cx.page.scripts[l.script].tag.start))),
                ),
                pick(
                    cx.language,
                    format!("Keep one {} script (the first, in <head>) and delete the others, also any copy a plugin or tag manager adds.", cmp.name()),
                    format!("Zostaw jeden skrypt {} (pierwszy, w <head>) i usuń pozostałe, także kopie dodawane przez wtyczkę lub menedżer tagów.", cmp.name()),
                ),
                Some(cx.page.evidence(cx.page.scripts[second.script].tag.start)),
            ));
        }
    }
}

/// The automatic blocking mode of a CMP on the page, if any.
fn auto_mode(cx: &Context, cmp: CmpId) -> Option<AutoBlocking> {
    cx.seen
        .cmps
        .iter()
        .filter(|c| c.cmp == cmp)
        .find_map(|c| c.auto_blocking)
}

fn cmp_first(cx: &Context, out: &mut Vec<Finding>) {
    let l = cx.language;
    let page = cx.page;
    for cmp in cx.page_cmps() {
        let auto = auto_mode(cx, cmp);
        if !vendors::must_be_first(cmp, auto) {
            continue;
        }
        // The script that must come first: OneTrust's OtAutoBlock.js, Usercentrics'
        // autoblocker.js come before the loader itself.
        let Some(first_own) = cx
            .seen
            .cmps
            .iter()
            .filter(|c| c.cmp == cmp && matches!(c.role, Role::Loader | Role::Blocker))
            .min_by_key(|c| c.script)
        else {
            continue;
        };
        let own = &page.scripts[first_own.script];
        if !own.in_head {
            out.push(Rule::CmpNotFirst.finding(
                pick(
                    l,
                    format!(
                        "The {} script (line {}) is in <body>; {} must be the first script in <head>.",
                        cmp.name(),
                        cx.line(own.tag.start),
                        cmp.name()
                    ),
                    format!(
                        "Skrypt {} (wiersz {}) jest w <body>; {} musi być pierwszym skryptem w <head>.",
                        cmp.name(),
                        cx.line(own.tag.start),
                        cmp.name()
                    ),
                ),
                pick(
                    l,
                    format!("Move the {} script to the top of <head>.", cmp.name()),
                    format!("Przenieś skrypt {} na początek <head>.", cmp.name()),
                ),
                Some(page.evidence(own.tag.start)),
            ));
            continue;
        }
        let offender = (0..first_own.script).find(|&i| runs_before_cmp_unexpectedly(cx, i, cmp));
        if let Some(i) = offender {
            let s = &page.scripts[i];
            out.push(Rule::CmpNotFirst.finding(
                pick(
                    l,
                    format!(
                        "A script (line {}) runs before the {} script (line {}); {} must be the first script in <head>{}.",
                        cx.line(s.tag.start),
                        cmp.name(),
                        cx.line(own.tag.start),
                        cmp.name(),
                        if auto.is_some() { ", or it cannot block what loads before it" } else { "" },
                    ),
                    format!(
                        "Skrypt (wiersz {}) działa przed skryptem {} (wiersz {}); {} musi być pierwszym skryptem w <head>{}.",
                        cx.line(s.tag.start),
                        cmp.name(),
                        cx.line(own.tag.start),
                        cmp.name(),
                        if auto.is_some() { ", inaczej nie zablokuje tego, co wczytuje się przed nim" } else { "" },
                    ),
                ),
                pick(
                    l,
                    format!("Move the {} script above every other script (only the Consent Mode default and a TCF stub may come before it).", cmp.name()),
                    format!("Przenieś skrypt {} nad wszystkie inne skrypty (przed nim mogą stać tylko ustawienie domyślne Consent Mode i zaślepka TCF).", cmp.name()),
                ),
                Some(page.evidence(s.tag.start)),
            ));
        }
    }
}

/// A script before a must-be-first CMP that should not be there.
fn runs_before_cmp_unexpectedly(cx: &Context, index: usize, cmp: CmpId) -> bool {
    let script = &cx.page.scripts[index];
    if !script.runs() || cx.seen.in_snippet(index).is_some() {
        return false;
    }
    // The CMP's own parts, scripts exempted from its blocking.
    if cx
        .seen
        .cmps
        .iter()
        .any(|c| c.script == index && c.cmp == cmp)
    {
        return false;
    }
    if script
        .attr("data-cookieconsent")
        .is_some_and(|v| v.trim() == "ignore")
        || script.has("data-ot-ignore")
        || script.attr("data-cmp-ab") == Some("1")
        || script.has("data-termly-config")
    {
        return false;
    }
    // The widget's own script as the embed inserts it (a page saved "complete" shows it first).
    if cx
        .seen
        .embeds
        .iter()
        .any(|e| e.script == index && e.kind == EmbedKind::WidgetScript)
    {
        return false;
    }
    // A TCF stub, or a script that only sets the Consent Mode default (the vendors document
    // both before the CMP).
    let start = script.tag.start;
    if cx
        .seen
        .tcf_stubs
        .iter()
        .any(|&s| s >= start && s <= script.body.end.max(start))
    {
        return false;
    }
    let calls: Vec<_> = cx.seen.gtag.iter().filter(|c| c.script == index).collect();
    let only_consent = !calls.is_empty()
        && calls.iter().all(|c| {
            (c.command == "consent" && c.action.as_deref() == Some("default")) || c.command == "set"
        })
        && !cx
            .seen
            .google
            .iter()
            .any(|g| g.at >= script.body.start && g.at <= script.body.end);
    !only_consent
}

fn cookiebot_async(cx: &Context, out: &mut Vec<Finding>) {
    for loader in cx.seen.loaders(CmpId::Cookiebot) {
        if loader.auto_blocking != Some(AutoBlocking::CookiebotAuto) {
            continue;
        }
        let script = &cx.page.scripts[loader.script];
        let attr = script
            .attribute("async")
            .or_else(|| script.attribute("defer"));
        if let Some(attr) = attr {
            out.push(Rule::CookiebotAsync.finding(
                pick(
                    cx.language,
                    format!("The Cookiebot script (line {}) has `{}` in automatic blocking mode: it must load synchronously, or scripts run before it can block them.", cx.line(script.tag.start), attr.name),
                    format!("Skrypt Cookiebot (wiersz {}) ma `{}` w trybie automatycznego blokowania: musi wczytywać się synchronicznie, inaczej skrypty uruchomią się, zanim zdąży je zablokować.", cx.line(script.tag.start), attr.name),
                ),
                pick(
                    cx.language,
                    format!("Remove `{}` from the Cookiebot script (keep data-blockingmode=\"auto\").", attr.name),
                    format!("Usuń `{}` ze skryptu Cookiebot (zostaw data-blockingmode=\"auto\").", attr.name),
                ),
                Some(cx.page.evidence(attr.at)),
            ));
        }
    }
}

/// Whether an embed script carries a CMP's documented exemption: the attributes on its own
/// tag (`inline_attributes` in the CMP's adapter facts) and the attributes it sets on the widget
/// script it creates before setting its `src` (`element_attributes`).
fn exempted(cx: &Context, cmp: CmpId, embed: usize) -> bool {
    let script = &cx.page.scripts[embed];
    let body = cx.page.body_text(script);
    let facts = &cmp.facts().auto_blocking;
    let on_tag = facts.inline_attributes.iter().all(|(name, value)| {
        if *name == "class" {
            script.classes().any(|c| c == *value)
        } else {
            match script.attr(name) {
                Some(v) => value.is_empty() || v.trim() == *value,
                None => false,
            }
        }
    });
    // Set on the created element before its src: the attribute's name (and value) appear in the
    // code before the first `.src`.
    let src_at = body.find(".src").unwrap_or(body.len());
    let on_element = facts.element_attributes.iter().all(|(name, value)| {
        let before = &body[..src_at];
        let named = if *name == "class" {
            before.contains("class") || before.contains("className")
        } else {
            before.contains(name)
        };
        named && (value.is_empty() || before.contains(value))
    });
    on_tag && on_element
}

fn auto_blocking(cx: &Context, out: &mut Vec<Finding>) {
    let l = cx.language;
    let page = cx.page;
    let embeds: Vec<_> = cx
        .seen
        .embeds
        .iter()
        .filter(|e| e.kind != EmbedKind::WidgetScript && page.scripts[e.script].runs())
        .collect();
    if embeds.is_empty() {
        return;
    }
    let mut modes: Vec<(CmpId, AutoBlocking, usize)> = Vec::new();
    for c in &cx.seen.cmps {
        if let Some(mode) = c.auto_blocking {
            if !modes.iter().any(|(_, m, _)| *m == mode) {
                modes.push((c.cmp, mode, c.script));
            }
        }
    }
    // Our snippet's steps already name the dashboard settings; the official embed's do not.
    let official = embeds.iter().any(|e| e.kind == EmbedKind::Official);
    for (cmp, mode, at_script) in modes {
        let cmp_line = cx.script_line(at_script);
        let facts = &cmp.facts().auto_blocking;
        // A host-level exemption in a script above the CMP (Termly's blocking map,
        // consentmanager's ignored domains).
        let host_rule = |needles: &[&str]| {
            page.scripts[..at_script].iter().any(|s| {
                let body = page.body_text(s);
                needles.iter().all(|n| body.contains(n))
            })
        };
        let host_exempt = match mode {
            AutoBlocking::Termly => {
                host_rule(&["TERMLY_CUSTOM_BLOCKING_MAP", "callpage.io", "essential"])
            }
            AutoBlocking::Consentmanager => host_rule(&["cmp_block_ignoredomains", "callpage.io"]),
            _ => false,
        };
        let exemption = || {
            let mut parts: Vec<String> = facts
                .inline_attributes
                .iter()
                .map(|(n, v)| {
                    let attr = if v.is_empty() {
                        n.to_string()
                    } else {
                        format!("{n}=\"{v}\"")
                    };
                    pick(
                        l,
                        format!("{attr} on the embed's tag"),
                        format!("{attr} w znaczniku kodu osadzenia"),
                    )
                })
                .collect();
            parts.extend(facts.element_attributes.iter().map(|(n, v)| {
                let attr = if v.is_empty() {
                    n.to_string()
                } else {
                    format!("{n}=\"{v}\"")
                };
                pick(
                    l,
                    format!("{attr} on the widget script it creates (before its src)"),
                    format!("{attr} w tworzonym przez niego skrypcie widżetu (przed jego src)"),
                )
            }));
            if let Some(rule) = facts.host_rule {
                parts.push(rule.get(l).to_string());
            }
            join_and(&parts, l)
        };
        for embed in &embeds {
            let what = match embed.kind {
                EmbedKind::Official => pick(
                    l,
                    "the official CallPage embed code",
                    "oficjalnego kodu osadzenia CallPage",
                ),
                _ => pick(
                    l,
                    "the CallPage snippet's embed",
                    "osadzenia widżetu w kodzie Cookie Admin",
                ),
            };
            let at = Some(page.evidence(embed.at));
            let missing = !host_exempt && !exempted(cx, cmp, embed.script);
            match mode {
                AutoBlocking::CookiebotAuto | AutoBlocking::OneTrust if missing => {
                    out.push(Rule::AutoblockNoExemption.finding(
                        pick(
                            l,
                            format!(
                                "{} blocks scripts automatically ({}, line {cmp_line}) and {what} (line {}) lacks the exemption {} documents: the widget can be blocked until the visitor consents, and calls and meetings stop for visitors who refuse.",
                                cmp.name(),
                                if mode == AutoBlocking::OneTrust { "OtAutoBlock.js" } else { "data-blockingmode=\"auto\"" },
                                cx.line(embed.at),
                                cmp.name()
                            ),
                            format!(
                                "{} blokuje skrypty automatycznie ({}, wiersz {cmp_line}), a w przypadku {what} (wiersz {}) brakuje wyjątku opisanego w dokumentacji {}: widżet może być zablokowany do czasu zgody, a rozmowy i spotkania przestają działać dla odwiedzających, którzy odmówią.",
                                cmp.name(),
                                if mode == AutoBlocking::OneTrust { "OtAutoBlock.js" } else { "data-blockingmode=\"auto\"" },
                                cx.line(embed.at),
                                cmp.name()
                            ),
                        ),
                        pick(
                            l,
                            format!("Use the Cookie Admin snippet for {} (it carries {}); do not make the embed type=\"text/plain\".", cmp.name(), exemption()),
                            format!("Użyj kodu Cookie Admin dla {} (zawiera {}); nie nadawaj kodowi osadzenia type=\"text/plain\".", cmp.name(), exemption()),
                        ),
                        at,
                    ));
                }
                AutoBlocking::Iubenda | AutoBlocking::Consentmanager | AutoBlocking::Termly
                    if missing =>
                {
                    out.push(Rule::AutoblockExemptionUnseen.finding(
                        pick(
                            l,
                            format!(
                                "{} blocks scripts automatically (line {cmp_line}) and nothing on the page exempts {what} (line {}): unless its dashboard exempts cdn-widget.callpage.io (a setting the page cannot show), the widget is blocked until the visitor consents.",
                                cmp.name(),
                                cx.line(embed.at)
                            ),
                            format!(
                                "{} blokuje skrypty automatycznie (wiersz {cmp_line}) i nic na stronie nie wyłącza z blokowania {what} (wiersz {}): jeśli panel CMP nie wyłącza z blokowania cdn-widget.callpage.io (tego ustawienia strona nie pokazuje), widżet jest zablokowany do czasu zgody odwiedzającego.",
                                cmp.name(),
                                cx.line(embed.at)
                            ),
                        ),
                        pick(
                            l,
                            format!(
                                "Use the Cookie Admin snippet for {} (it carries {}){}.",
                                cmp.name(),
                                exemption(),
                                facts.step.map(|s| format!(", or in the dashboard: {}", s.en)).unwrap_or_default()
                            ),
                            format!(
                                "Użyj kodu Cookie Admin dla {} (zawiera {}){}.",
                                cmp.name(),
                                exemption(),
                                facts.step.map(|s| format!(" albo w panelu: {}", s.pl.trim_end_matches('.'))).unwrap_or_default()
                            ),
                        ),
                        at,
                    ));
                }
                AutoBlocking::UsercentricsScanner
                | AutoBlocking::CookieYes
                | AutoBlocking::Osano
                    if official && embed.kind == EmbedKind::Official =>
                {
                    let step = facts.step.map_or(
                        pick(
                            l,
                            "do not classify the CallPage widget's script (cdn-widget.callpage.io) as needing consent",
                            "nie klasyfikuj skryptu widżetu CallPage (cdn-widget.callpage.io) jako wymagającego zgody",
                        ),
                        |s| s.get(l),
                    );
                    out.push(Rule::AutoblockDashboardStep.finding(
                        pick(
                            l,
                            format!("{} blocks scripts by its dashboard classification (line {cmp_line}); whether the official embed's widget is blocked depends on a setting this page cannot show.", cmp.name()),
                            format!("{} blokuje skrypty według klasyfikacji w swoim panelu (wiersz {cmp_line}); to, czy widżet z oficjalnego kodu osadzenia jest zablokowany, zależy od ustawienia, którego ta strona nie pokazuje.", cmp.name()),
                        ),
                        pick(
                            l,
                            format!("In the {} dashboard: {step}. The widget's cookies stay in the analytics category; only its loader must not wait for consent.", cmp.name()),
                            format!("W panelu {}: {}. Pliki cookie widżetu pozostają w kategorii analitycznej; tylko jego skrypt ładujący nie może czekać na zgodę.", cmp.name(), step.trim_end_matches('.')),
                        ),
                        None,
                    ));
                    break; // once per CMP, not per embed
                }
                _ => {}
            }
        }
    }
}

fn held_back(cx: &Context, out: &mut Vec<Finding>) {
    let l = cx.language;
    let page = cx.page;
    let mut cmps = cx.page_cmps();
    if cmps.is_empty() {
        cmps.extend(cx.account_cmp());
        cmps.extend(cx.seen.snippets.iter().filter_map(|s| s.target));
    }
    if cmps.is_empty() {
        return;
    }
    let embed_scripts: Vec<usize> = cx.seen.embeds.iter().map(|e| e.script).collect();
    for (index, script) in page.scripts.iter().enumerate() {
        if script.inert || embed_scripts.contains(&index) {
            continue;
        }
        let markup = vendors::held_back_markup(script);
        if markup.is_empty() {
            continue;
        }
        let relevant: Vec<_> = markup.iter().filter(|m| cmps.contains(&m.cmp)).collect();
        let runs = script.runs();
        let t = script.type_attr();
        if relevant.is_empty() {
            if !runs {
                let m = &markup[0];
                let names: Vec<String> = cmps.iter().map(|c| c.name().to_string()).collect();
                out.push(Rule::HeldBackMarkup.finding(
                    pick(
                        l,
                        format!("The script at line {} is held back with {}'s markup ({}), but the page runs {}: nothing ever releases it.", cx.line(script.tag.start), m.cmp.name(), m.marker, join_and(&names, l)),
                        format!("Skrypt w wierszu {} jest wstrzymany oznaczeniem {} ({}), ale strona używa {}: nic go nigdy nie zwolni.", cx.line(script.tag.start), m.cmp.name(), m.marker, join_and(&names, l)),
                    ),
                    pick(
                        l,
                        format!("Use {}'s markup for held-back scripts (the Cookie Admin snippet for {} has it).", cmps[0].name(), cmps[0].name()),
                        format!("Użyj dla wstrzymanych skryptów oznaczeń {} (ma je kod Cookie Admin dla {}).", cmps[0].name(), cmps[0].name()),
                    ),
                    Some(page.evidence(m.at)),
                ));
            }
            continue;
        }
        for m in relevant {
            let allowed = !m.categories.is_empty()
                && m.categories
                    .iter()
                    .all(|c| vendors::always_allowed(m.cmp, c));
            if runs && allowed {
                continue; // marked as always allowed (an exemption, or the necessary group)
            }
            let exemption = m.cmp == CmpId::Cookiebot && m.categories.iter().any(|c| c == "ignore");
            if exemption {
                if !runs {
                    out.push(Rule::HeldBackMarkup.finding(
                        pick(
                            l,
                            format!("The script at line {} has data-cookieconsent=\"ignore\" but type=\"{t}\": Cookiebot ignores it, so it never runs.", cx.line(script.tag.start)),
                            format!("Skrypt w wierszu {} ma data-cookieconsent=\"ignore\", ale type=\"{t}\": Cookiebot go pomija, więc skrypt nigdy się nie uruchomi.", cx.line(script.tag.start)),
                        ),
                        pick(
                            l,
                            "Remove type=\"text/plain\" from a script exempted with data-cookieconsent=\"ignore\".",
                            "Usuń type=\"text/plain\" ze skryptu wyłączonego z blokowania przez data-cookieconsent=\"ignore\".",
                        ),
                        Some(page.evidence(m.at)),
                    ));
                }
                continue;
            }
            if let Some(types) = vendors::held_back_type(m.cmp) {
                let auto_handles =
                    m.cmp == CmpId::Cookiebot && auto_mode(cx, CmpId::Cookiebot).is_some();
                if runs && !auto_handles {
                    out.push(Rule::HeldBackMarkup.finding(
                        pick(
                            l,
                            format!("The script at line {} carries {}'s category markup ({}) but its type lets it run at once: it does not wait for consent.", cx.line(script.tag.start), m.cmp.name(), m.marker),
                            format!("Skrypt w wierszu {} ma oznaczenie kategorii {} ({}), ale jego type pozwala mu uruchomić się od razu: nie czeka na zgodę.", cx.line(script.tag.start), m.cmp.name(), m.marker),
                        ),
                        pick(
                            l,
                            format!("Give it type=\"{}\" so that {} runs it only after consent (if the page was saved after accepting the banner, save it again before answering).", types[0], m.cmp.name()),
                            format!("Nadaj mu type=\"{}\", aby {} uruchamiał go dopiero po zgodzie (jeśli stronę zapisano po zaakceptowaniu banera, zapisz ją ponownie, zanim odpowiesz na baner).", types[0], m.cmp.name()),
                        ),
                        Some(page.evidence(script.attribute("type").map_or(m.at, |a| a.at))),
                    ));
                    continue;
                }
                if !runs && !types.contains(&t.as_str()) {
                    out.push(Rule::HeldBackMarkup.finding(
                        pick(
                            l,
                            format!("The script at line {} is held back for {} with type=\"{t}\", but {} releases only type=\"{}\": it never runs.", cx.line(script.tag.start), m.cmp.name(), m.cmp.name(), types[0]),
                            format!("Skrypt w wierszu {} jest wstrzymany dla {} przez type=\"{t}\", ale {} zwalnia tylko type=\"{}\": skrypt nigdy się nie uruchomi.", cx.line(script.tag.start), m.cmp.name(), m.cmp.name(), types[0]),
                        ),
                        pick(
                            l,
                            format!("Set type=\"{}\" on it.", types[0]),
                            format!("Zmień jego atrybut na type=\"{}\".", types[0]),
                        ),
                        Some(page.evidence(script.attribute("type").map_or(m.at, |a| a.at))),
                    ));
                    continue;
                }
            }
            if let Some(known) = vendors::known_categories(m.cmp) {
                let unknown: Vec<&String> = m
                    .categories
                    .iter()
                    .filter(|c| !known.contains(&c.as_str()))
                    .collect();
                if !unknown.is_empty() || m.categories.is_empty() {
                    let shown = if unknown.is_empty() {
                        pick(l, "(none)", "(brak)").to_string()
                    } else {
                        unknown
                            .iter()
                            .map(|u| format!("\"{u}\""))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    out.push(Rule::HeldBackMarkup.finding(
                        pick(
                            l,
                            format!("The script at line {} waits for {} category {shown}, which {} does not have: it is never released.", cx.line(script.tag.start), m.cmp.name(), m.cmp.name()),
                            format!("Skrypt w wierszu {} czeka na kategorię {} {shown}, której {} nie ma: nigdy nie zostanie zwolniony.", cx.line(script.tag.start), m.cmp.name(), m.cmp.name()),
                        ),
                        pick(
                            l,
                            format!("Use one of {}'s categories: {}.", m.cmp.name(), known.iter().filter(|k| **k != "ignore").copied().collect::<Vec<_>>().join(", ")),
                            format!("Użyj jednej z kategorii {}: {}.", m.cmp.name(), known.iter().filter(|k| **k != "ignore").copied().collect::<Vec<_>>().join(", ")),
                        ),
                        Some(page.evidence(m.at)),
                    ));
                }
            }
        }
    }
}

fn consent_mode(cx: &Context, out: &mut Vec<Finding>) {
    let l = cx.language;
    let page = cx.page;
    let seen = cx.seen;
    let defaults: Vec<_> = seen.consent_defaults().collect();
    // Consent Mode is the target and something waits for it: a feature of the account, or the
    // consent bridge of a Consent Mode snippet on the page.
    let target_gcm = seen
        .snippets
        .iter()
        .any(|s| s.target == Some(CmpId::Gcm) && s.has_bridge)
        || cx
            .account
            .is_some_and(|a| a.config.cmp == Some(CmpId::Gcm) && !a.config.features.is_empty());
    let Some(first) = defaults.first() else {
        if target_gcm {
            let tag = seen.google.first();
            out.push(Rule::GcmDefaultMissing.finding(
                pick(
                    l,
                    format!("The page's target is Google Consent Mode, but no gtag('consent', 'default', ...) runs on it{}: Google tags do not know that storage needs consent, and the widget's features never see a denied default.", tag.map(|t| format!(" before or after {} (line {})", t.kind.name_in(l), cx.line(t.at))).unwrap_or_default()),
                    format!("Celem strony jest Google Consent Mode, ale nie działa na niej żadne gtag('consent', 'default', ...){}: tagi Google nie wiedzą, że zapis danych wymaga zgody, a funkcje widżetu nigdy nie widzą domyślnej odmowy.", tag.map(|t| format!(" (ani przed elementem „{}” w wierszu {}, ani po nim)", t.kind.name_in(l), cx.line(t.at))).unwrap_or_default()),
                ),
                pick(
                    l,
                    "Paste the Cookie Admin snippet for Google Consent Mode above the Google tag / GTM snippet (its first script sets the default), or set the default in your CMP's Consent Mode settings.",
                    "Wklej kod Cookie Admin dla Google Consent Mode nad tagiem Google / kodem GTM (jego pierwszy skrypt ustawia wartości domyślne) albo ustaw wartości domyślne w ustawieniach Consent Mode swojego CMP.",
                ),
                tag.map(|t| page.evidence(t.at)),
            ));
        }
        return;
    };
    // Tags that act on the dataLayer before the default: a GTM container snippet, or a
    // gtag('config'/'event') command (Google: the default goes "before any commands that send
    // measurement data (such as config or event)").
    let gtm = seen
        .google
        .iter()
        .find(|g| g.kind == GoogleKind::Gtm && g.at < first.at)
        .map(|g| (g.at, g.kind.name_in(l).to_string()));
    let command = seen
        .gtag
        .iter()
        .find(|c| matches!(c.command.as_str(), "config" | "event") && c.at < first.at)
        .map(|c| (c.at, format!("gtag('{}', ...)", c.command)));
    let earliest = match (gtm, command) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    };
    if let Some((at, what)) = earliest {
        out.push(Rule::GcmDefaultLate.finding(
            pick(
                l,
                format!("gtag('consent', 'default', ...) at line {} comes after {what} at line {}: tags can fire before they know that storage needs consent.", cx.line(first.at), cx.line(at)),
                format!("gtag('consent', 'default', ...) w wierszu {} stoi później niż {what} w wierszu {}: tagi mogą się uruchomić, zanim dowiedzą się, że zapis danych wymaga zgody.", cx.line(first.at), cx.line(at)),
            ),
            pick(
                l,
                "Move the Consent Mode default (the first script of the Consent Mode snippet) above the Google tag and the GTM snippet, before any gtag('config') or gtag('event').",
                "Przenieś ustawienie domyślne Consent Mode (pierwszy skrypt kodu Consent Mode) nad tag Google i kod GTM, przed każde gtag('config') i gtag('event').",
            ),
            Some(page.evidence(first.at)),
        ));
    }
    if let Some(call) = defaults.iter().find(|d| {
        d.object
            .as_ref()
            .is_some_and(|o| !(o.has("ad_user_data") && o.has("ad_personalization")))
    }) {
        let object = call.object.as_ref();
        let missing: Vec<&str> = ["ad_user_data", "ad_personalization"]
            .into_iter()
            .filter(|k| !object.is_some_and(|o| o.has(k)))
            .collect();
        out.push(Rule::GcmV2KeysMissing.finding(
            pick(
                l,
                format!("The Consent Mode default at line {} has no {}: Consent Mode v2 added both, and Google requires them for visitors in the EEA to keep its advertising features (audiences, personalisation, conversion measurement).", cx.line(call.at), missing.join(" and ")),
                format!("Ustawienie domyślne Consent Mode w wierszu {} nie ma {}: oba klucze dodał Consent Mode v2, a Google wymaga ich dla odwiedzających z EOG, aby zachować funkcje reklamowe (listy odbiorców, personalizację, pomiar konwersji).", cx.line(call.at), missing.join(" ani ")),
            ),
            pick(
                l,
                "Add 'ad_user_data': 'denied' and 'ad_personalization': 'denied' to the default (the Cookie Admin Consent Mode snippet has them).",
                "Dodaj do ustawienia domyślnego 'ad_user_data': 'denied' i 'ad_personalization': 'denied' (kod Cookie Admin dla Consent Mode je zawiera).",
            ),
            Some(page.evidence(call.at)),
        ));
    }
    // A CMP whose consent arrives after Google's tags start: loaded async or deferred here, or
    // one whose adapter says its consent state comes late (core's CmpFacts).
    let async_cmp = seen.cmps.iter().find(|c| {
        let script = &page.scripts[c.script];
        c.role == Role::Loader
            && (script.is_async() || script.is_defer() || c.cmp.facts().loads_asynchronously)
    });
    let waits = defaults
        .iter()
        .any(|d| d.object.as_ref().is_some_and(|o| o.has("wait_for_update")));
    let unknown = defaults.iter().any(|d| d.object.is_none());
    if let (Some(cmp), false, false) = (async_cmp, waits, unknown) {
        out.push(Rule::GcmNoWaitForUpdate.finding(
            pick(
                l,
                format!("{} loads asynchronously (line {}) and the Consent Mode default at line {} has no wait_for_update: tags that fire before the CMP's update use the default, also for visitors who consented on an earlier page.", cmp.cmp.name(), cx.script_line(cmp.script), cx.line(first.at)),
                format!("{} wczytuje się asynchronicznie (wiersz {}), a ustawienie domyślne Consent Mode w wierszu {} nie ma wait_for_update: tagi uruchomione przed aktualizacją z CMP używają wartości domyślnych, także dla odwiedzających, którzy wyrazili zgodę na wcześniejszej stronie.", cmp.cmp.name(), cx.script_line(cmp.script), cx.line(first.at)),
            ),
            pick(
                l,
                "Add 'wait_for_update': 500 to the default (milliseconds Google tags wait for the CMP's update).",
                "Dodaj do ustawienia domyślnego 'wait_for_update': 500 (tyle milisekund tagi Google czekają na aktualizację z CMP).",
            ),
            Some(page.evidence(first.at)),
        ));
    }
}

fn tcf_stub(cx: &Context, out: &mut Vec<Finding>) {
    let l = cx.language;
    let page = cx.page;
    let seen = cx.seen;
    let tcf_snippet = seen.snippets.iter().find(|s| s.target == Some(CmpId::Tcf));
    let tcf_cmp = seen.cmps.iter().find(|c| c.role == Role::Loader && c.tcf);
    let in_use = tcf_snippet.is_some() || cx.account_cmp() == Some(CmpId::Tcf) || tcf_cmp.is_some();
    if !in_use {
        return;
    }
    // Stubs: inline `__tcfapi` stubs and stub files, and a TCF CMP loaded synchronously (it
    // defines __tcfapi as it runs).
    let mut stubs: Vec<usize> = seen.tcf_stubs.clone();
    stubs.extend(
        seen.cmps
            .iter()
            .filter(|c| {
                c.tcf && c.role == Role::Loader && {
                    let s = &page.scripts[c.script];
                    s.src().is_some() && !s.is_async() && !s.is_defer()
                }
            })
            .map(|c| page.scripts[c.script].tag.start),
    );
    let first_stub = stubs.iter().min().copied();
    // The tags that read __tcfapi: our TCF snippet and Google's tags.
    let mut tags: Vec<(usize, String)> = Vec::new();
    if let Some(s) = tcf_snippet {
        tags.push((s.at, pick(l, "the CallPage snippet", "kod CallPage").into()));
    }
    if let Some(g) = seen.google.first() {
        tags.push((g.at, g.kind.name_in(l).into()));
    }
    tags.sort_by_key(|t| t.0);
    match (first_stub, tags.first()) {
        (None, tag) => out.push(Rule::TcfStubMissing.finding(
            pick(
                l,
                format!("The page uses the IAB TCF{} but has no __tcfapi stub{}: scripts that ask __tcfapi before the CMP has loaded get no answer and treat the visitor as not consenting.", tcf_cmp.map(|c| format!(" ({})", c.cmp.name())).unwrap_or_default(), tag.map(|t| format!(" before {} (line {})", t.1, cx.line(t.0))).unwrap_or_default()),
                format!("Strona używa IAB TCF{}, ale nie ma zaślepki __tcfapi{}: skrypty, które pytają __tcfapi, zanim CMP się wczyta, nie dostają odpowiedzi i traktują odwiedzającego jak kogoś, kto nie wyraził zgody.", tcf_cmp.map(|c| format!(" ({})", c.cmp.name())).unwrap_or_default(), tag.map(|t| format!(" (potrzebnej przed elementem „{}” w wierszu {})", t.1, cx.line(t.0))).unwrap_or_default()),
            ),
            pick(
                l,
                "Put the TCF stub your CMP provides (or the IAB's @iabtcf/stub) at the top of <head>, before any tag.",
                "Umieść zaślepkę TCF dostarczaną przez Twój CMP (albo @iabtcf/stub od IAB) na początku <head>, przed wszystkimi tagami.",
            ),
            tag.map(|t| page.evidence(t.0)),
        )),
        (Some(stub), Some(tag)) if tag.0 < stub => out.push(Rule::TcfStubMissing.finding(
            pick(
                l,
                format!("{} (line {}) comes before the __tcfapi stub (line {}): it may ask __tcfapi before it exists.", capitalise(&tag.1), cx.line(tag.0), cx.line(stub)),
                format!("{} (wiersz {}) stoi przed zaślepką __tcfapi (wiersz {}): może zapytać __tcfapi, zanim ta istnieje.", capitalise(&tag.1), cx.line(tag.0), cx.line(stub)),
            ),
            pick(
                l,
                "Move the TCF stub (or the CMP's synchronous loader) above every tag.",
                "Przenieś zaślepkę TCF (albo synchroniczny skrypt ładujący CMP) nad wszystkie tagi.",
            ),
            Some(page.evidence(tag.0)),
        )),
        _ => {}
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}
