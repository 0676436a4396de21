// Topic blocks: the dialogue of one part of a job-centre meeting. Each block speaks, records the key facts
// it put into the transcript, and writes the matching case-note lines, so note and transcript agree.
// Alternatives are inline because a phrasing only makes sense next to the question it answers.
#include <algorithm>
#include <functional>

#include "scenarios/synth_scene.h"

namespace pb::synth {
namespace {

constexpr Who SB = Who::SB;
constexpr Who B = Who::B;
constexpr Who P = Who::P;
constexpr Who T = Who::T;

using Step = std::function<void()>;

// Runs between lo and hi of the steps, chosen at random but kept in their written order, because the
// steps of a block follow a conversational logic even when some are skipped.
void some(Scene& s, int lo, int hi, const std::vector<Step>& steps) {
  const int n = static_cast<int>(steps.size());
  const int k = static_cast<int>(s.rng.uniform_int(std::min(lo, n), std::min(hi, n)));
  std::vector<int> order(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
  for (int i = 0; i < k; ++i) {  // partial Fisher-Yates
    const int j = static_cast<int>(s.rng.uniform_int(i, n - 1));
    std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
  }
  std::vector<bool> chosen(static_cast<std::size_t>(n), false);
  for (int i = 0; i < k; ++i) chosen[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])] = true;
  for (int i = 0; i < n; ++i)
    if (chosen[static_cast<std::size_t>(i)]) steps[static_cast<std::size_t>(i)]();
}

bool is(const Scene& s, Group g) { return s.p.group == g; }
bool meeting(const Scene& s, std::string_view type) { return s.p.meeting_type == type; }

std::string note_date(Date d) { return std::to_string(d.day) + ". " + std::string(month_name(d.month)); }
std::string note_time(int h, int m) { return "kl. " + std::to_string(h) + "." + (m < 10 ? "0" : "") + std::to_string(m); }

// A working day between lo and hi days after today's meeting, within the pilot year.
Date date_ahead(Scene& s, int lo, int hi) {
  int doy = s.p.meeting_doy + static_cast<int>(s.rng.uniform_int(lo, hi));
  doy = next_weekday_doy(std::min(doy, 360));
  return date_from_doy(std::min(doy, 365));
}
Date date_before(Scene& s, int lo, int hi) {
  const int doy = std::max(1, s.p.meeting_doy - static_cast<int>(s.rng.uniform_int(lo, hi)));
  return date_from_doy(doy);
}

struct Clock {
  int h;
  int m;
};
Clock pick_time(Scene& s, int lo_hour, int hi_hour) {
  static constexpr int kMinutes[] = {0, 0, 0, 15, 30, 30, 45};
  return {static_cast<int>(s.rng.uniform_int(lo_hour, hi_hour)), kMinutes[s.rng.index(7)]};
}

std::string person_name(Scene& s, bool female) {
  const auto& names = s.rng.bernoulli(0.85) ? names_for("da") : names_for(s.rng.bernoulli(0.5) ? "ar" : "tr");
  return pick_alt(s.rng, female ? names.female : names.male);
}

std::string new_firm(Scene& s, const Sector& sector) {
  return pick_alt(s.rng, firm_stems()) + " " + pick_alt(s.rng, sector.firm_suffixes);
}

// ---------------------------------------------------------------------------------------------------------

void greeting(Scene& s) {
  const auto& p = s.p;
  if (p.mode == "telefonisk") {
    s.say(SB, {"Hej, det er {cw} fra Jobcenter {by}. Taler jeg med {navn}?",
               "Goddag, du taler med {cw} fra jobcentret i {by}. Er det {navn} {efternavn}?",
               "Hej {navn}, det er {cw} fra jobcentret. Vi havde en telefonaftale i dag."});
    s.say(B, {"Ja, det er mig.", "Ja, hej. Jeg har ventet på, at du ringede.", "Ja, det passer. Hej."});
    s.say(SB, {"Er det et godt tidspunkt at snakke nu?", "Har du tid til at snakke en halv times tid?",
               "Sidder du et sted, hvor du kan snakke i ro og fred?"});
    s.say(B, {"Ja, jeg sidder herhjemme, så det er fint.", "Ja, det er fint. Børnene er ude af huset.",
              "Ja, jeg har lige sat mig ude i køkkenet.", "Ja ja, det passer fint nu."});
    return;
  }
  if (p.mode == "video") {
    s.say(SB, {"Hej {navn}, kan du høre mig?", "Goddag {navn}, det er {cw}. Kan du se og høre mig?",
               "Hej, nu tror jeg, at vi har forbindelse. Kan du høre mig, {navn}?"});
    s.say(B, {"Ja, nu kan jeg. Der var lige lidt problemer med lyden.", "Ja, jeg kan godt høre dig. Kan du se mig?",
              "Øh, ja, nu virker det. Jeg skulle lige finde ud af at slå mikrofonen til."});
    s.say(SB, {"Det er helt fint, jeg kan både se og høre dig nu.", "Ja, jeg kan se dig fint. Godt, så går vi i gang.",
               "Dejligt. Hvis forbindelsen falder ud, så ringer jeg bare op igen."});
    return;
  }
  if (p.first_meeting) {
    s.say(SB, {"Goddag {navn}, velkommen. Jeg hedder {cw}, og jeg er din kontaktperson her i jobcentret.",
               "Hej {navn}, kom bare indenfor. Jeg er {cw}, jeg tror ikke, vi har mødt hinanden før.",
               "Hej, du må være {navn}? Jeg hedder {cw} {cwlast}, og jeg er sagsbehandler her i Jobcenter {by}.",
               "Velkommen til, {navn}. Sæt dig bare. Mit navn er {cw}, og det er mig, du skal snakke med i dag.",
               "Goddag, goddag. {navn}, ikke? Jeg er {cw}. Kom med herind, vi sidder inde på mit kontor."});
    s.say(B, {"Goddag.", "Hej, tak.", "Ja, det er mig. Hej.", "Tak. Goddag.", "Hej {cw}."});
  } else {
    s.say(SB, {"Hej {navn}, godt at se dig igen.", "Goddag {navn}, kom indenfor. Det er et stykke tid siden, hva'?",
               "Hej igen, {navn}. Sæt dig bare, hvor du vil.", "Nå, hej {navn}. Kom bare med ind."});
    s.say(B, {"Hej.", "Ja, hej igen.", "Tak. Ja, det er det vist.", "Hej {cw}."});
  }
  std::vector<Step> talk = {
      [&] {
        s.say(SB, {"Var det nemt at finde herind?", "Fandt du nemt herind i dag?", "Hvordan kom du herind i dag?"});
        if (s.p.has_car)
          s.say(B, {"Ja, jeg kørte selv. Der var heldigvis en plads lige ude foran.",
                    "Jeg tog bilen, men det tog lidt tid at finde en parkeringsplads."});
        else
          s.say(B, {"Ja, jeg tog bussen fra {hjemby}, det gik fint.", "Jeg cyklede. Det tager kun et kvarters tid.",
                    "Altså, jeg gik lidt forkert nede ved receptionen, men så fik jeg hjælp.",
                    "Jeg tog toget, og så gik jeg det sidste stykke."});
      },
      [&] {
        s.say(SB, {"Det er noget vejr i dag, hva'?", "Nå, du fik ikke for meget regn på vejen?",
                   "Det er godt nok blevet koldt, synes du ikke?"});
        s.say(B, {"Nej, det er slemt. Jeg blev helt gennemblødt på vejen.", "Jo, det er blevet koldt nu.",
                  "Nej nej, det var faktisk fint, da jeg gik hjemmefra.", "Det går. Jeg er vant til det."});
      },
      [&] {
        s.say(SB, {"Kan jeg byde på en kop kaffe eller et glas vand?", "Vil du have noget at drikke, inden vi går i gang?"});
        s.say(B, {"Et glas vand vil være dejligt, tak.", "Nej tak, jeg har lige fået.",
                  "Ja tak, en kop kaffe med mælk, hvis det er muligt.", "Nej, det er fint, tak."});
        if (s.chance(0.5)) s.say(SB, {"Værsgo.", "Så et øjeblik.", "Det var så lidt."});
      },
      [&] {
        s.say(SB, {"Undskyld, du måtte vente lidt, det forrige møde trak ud.", "Beklager ventetiden, det var en lang formiddag."});
        s.say(B, {"Det gør ikke noget.", "Det er helt i orden.", "Nej, det var kun fem minutter."});
      },
  };
  // With an interpreter the meeting starts with introductions instead of small talk.
  if (!s.p.interpreter) some(s, 0, s.p.first_meeting ? 3 : 2, talk);
}

void parties(Scene& s) {
  if (s.p.interpreter) {
    s.say(SB, {"Vi har {tolk} med i dag, som tolker til {sprog}.",
               "Inden vi går i gang: {tolk} er her som tolk, og {tpron} oversætter mellem dansk og {sprog}.",
               "Vi har bestilt en tolk til i dag. Det er {tolk}, og der bliver tolket til {sprog}."});
    s.say_plain(T, s.one({"Goddag. Jeg hedder {tolk}, og jeg er tolk. Jeg oversætter alt, hvad der bliver sagt, og "
                          "jeg har tavshedspligt.",
                          "Hej. Jeg er {tolk}. Jeg tolker i første person, så når jeg siger jeg, så er det {navn}, "
                          "der taler. Og jeg har tavshedspligt."}));
    s.say(SB, {"Tak. Og {navn}, sig endelig til, hvis der er noget, du ikke forstår.",
               "Tak for det. {navn}, du må gerne stoppe mig, hvis jeg taler for hurtigt."});
    s.say(B, {"Ja, tak.", "Okay. Tak.", "Ja."});
    s.note(kFormaal, "Samtalen blev gennemført med tolk (" + s.vars["sprog"] + ").");
  }
  if (s.p.relative) {
    s.say(SB, {"Og du har taget {pnavn} med i dag?", "Jeg kan se, at du har en med i dag. Vil du præsentere?",
               "Og hvem har du med i dag?"});
    s.say(B, {"Ja, det er {relation}. Jeg vil gerne have, at {ppron} er med, for jeg glemmer tit halvdelen.",
              "Det er {relation}, {pnavn}. {Ppron} er med som støtte.",
              "Ja, {pnavn}, {relation}. Jeg synes, det er rart at have nogen med."});
    s.say(SB, {"Det er helt i orden. Velkommen, {pnavn}.", "Det er rigtig godt. Velkommen til."});
    s.say(P, {"Tak. Jeg er her mest for at støtte og for at huske, hvad der bliver sagt.",
              "Tak, jeg sidder bare og lytter, og så spørger jeg måske, hvis der er noget, vi er i tvivl om.",
              "Tak. Jeg siger ikke så meget, jeg er bare med."});
    if (s.chance(0.5))
      s.say(SB, {"Du må gerne byde ind undervejs, men det er {navn}, jeg først og fremmest snakker med.",
                 "Du er velkommen til at supplere, hvis der er noget, du tænker er vigtigt."});
    s.note(kFormaal, capitalize_first(s.p.relative_note) + " deltog som bisidder.");
  }
}

void consent(Scene& s) {
  const auto& p = s.p;
  if (!p.assisted) {
    if (!s.chance(0.6)) return;
    s.say(SB, {"Inden vi går i gang: jeg tager nogle noter undervejs, og du kan altid se dem på Jobnet bagefter. Er det i orden?",
               "Jeg skriver lige lidt ned, mens vi snakker, så jeg husker det hele, når jeg skal skrive notatet.",
               "Jeg sidder og skriver lidt på computeren undervejs. Det er ikke fordi, jeg ikke hører efter.",
               "Jeg skriver et notat bagefter, og det kan du se på Jobnet, hvis du vil læse det."});
    s.say(B, {"Ja, det er fint.", "Ja, selvfølgelig.", "Det er helt i orden.", "Okay."});
    return;
  }
  s.say(SB, {"Inden vi starter, skal jeg lige sige, at vi er begyndt at bruge et program, der optager samtalen og laver "
             "et udkast til mit notat. Jeg læser det selvfølgelig igennem og retter det, før det bliver gemt. Er det i "
             "orden med dig?",
             "Vi er med i et forsøg, hvor samtalen bliver lavet om til tekst, så jeg kan koncentrere mig om dig i stedet "
             "for at skrive. Lydfilen bliver slettet bagefter. Må jeg slå det til?",
             "Jeg vil gerne spørge, om jeg må bruge tale-til-tekst i dag. Det betyder, at computeren skriver med, og så "
             "laver den et forslag til journalnotatet, som jeg gennemgår, før det bliver journaliseret."});
  if (p.declines_recording) {
    s.say(B, {"Det vil jeg helst ikke, hvis det er okay.", "Nej, det er jeg ikke så glad for. Kan vi lade være?",
              "Hmm, nej, jeg vil helst ikke optages."});
    s.say(SB, {"Det er helt i orden, så skriver jeg bare selv, som vi plejer.",
               "Det er frivilligt, så det gør vi ikke. Så tager jeg noter i hånden."});
    s.note(kFormaal, "Borger ønskede ikke, at samtalen blev optaget.");
    return;
  }
  if (s.chance(0.35)) {
    s.say(B, {"Hvem kan høre den optagelse?", "Hvad sker der med optagelsen bagefter?", "Bliver det sendt til nogen?"});
    s.say(SB, {"Det er kun til at lave notatet, og den bliver slettet, når notatet er godkendt. Det er kun mig, der ser teksten.",
               "Den bliver ikke delt med nogen. Den bruges kun til udkastet, og så bliver den slettet."});
    s.say(B, {"Okay, så er det fint.", "Nå, okay. Så er det i orden.", "Fint nok."});
  } else {
    s.say(B, {"Ja, det er fint med mig.", "Ja, det er i orden.", "Okay, det må du gerne."});
  }
}

void purpose(Scene& s) {
  const auto& m = s.p.meeting_type;
  if (m == "første samtale" && (is(s, Group::Dagpenge) || is(s, Group::Jobparate))) {
    if (is(s, Group::Jobparate))
      s.say(SB, {"Du har søgt om kontanthjælp, og det her er den første samtale, vi har. Jeg vil gerne høre om, hvad "
                 "du har lavet før, og hvad du gerne vil, og så laver vi en plan for, hvordan du kommer i job.",
                 "Formålet med i dag er, at vi får lagt en plan sammen. Du er visiteret som jobparat, og det betyder, at "
                 "vi tror på, at du kan komme i arbejde ret hurtigt."});
    else
      s.say(SB, {"I dag er din første samtale her hos os, efter du er blevet ledig. Jeg vil gerne høre om, hvad du har "
                 "lavet før, og hvad du gerne vil fremover, og så laver vi en plan sammen.",
                 "Det her er den første samtale, og den handler om, hvordan vi hjælper dig hurtigst muligt tilbage i job. "
                 "Vi skal snakke om din erfaring, dit jobmål og om, hvad du skal gøre, mens du er ledig.",
                 "Formålet med i dag er, at vi lærer hinanden at kende, og at vi får lagt en plan for din jobsøgning. Og "
                 "så skal jeg fortælle dig lidt om dine rettigheder og pligter."});
    s.note(kFormaal, is(s, Group::Jobparate) ? s.one({"Første samtale efter ansøgning om kontanthjælp. Borger er vurderet jobparat.",
                                                       "Første samtale som jobparat kontanthjælpsmodtager med henblik på plan for jobsøgning."})
                                             : s.one({"Første samtale efter ledighed med henblik på plan for jobsøgning.",
                                                      "Første jobsamtale. Afklaring af erfaring og jobmål samt orientering om rettigheder og pligter."}));
  } else if (m == "jobsamtale") {
    s.say(SB, {"I dag skal vi følge op på, hvordan det går med jobsøgningen, siden vi sidst snakkede sammen.",
               "Det er en almindelig jobsamtale i dag. Jeg vil gerne høre, hvad du har søgt, og om der er noget, vi skal justere.",
               "Vi skal snakke om, hvordan det går med at finde job, og om du har brug for noget hjælp fra os."});
    s.note(kFormaal, s.one({"Jobsamtale. Opfølgning på jobsøgning og plan.", "Jobsamtale med opfølgning på jobsøgning siden sidste samtale."}));
  } else if (m == "CV-samtale") {
    s.say(SB, {"I dag vil jeg gerne have, at vi kigger dit CV igennem sammen, for det er det, arbejdsgiverne ser først.",
               "Vi har sat den her samtale af til at gå dit CV igennem, og så snakker vi lidt om, hvordan jobsøgningen går."});
    s.note(kFormaal, "CV-samtale med gennemgang af CV på Jobnet.");
  } else if (m == "opfølgningssamtale" && (is(s, Group::Jobparate) || is(s, Group::Integration))) {
    s.say(SB, {"Vi skal følge op på den plan, vi lavede sidst, og se, om der er noget, der skal ændres.",
               "I dag er det en opfølgning. Jeg vil gerne høre, hvordan det er gået siden sidst, og så kigger vi på planen."});
    s.note(kFormaal, s.one({"Opfølgningssamtale på aftalt plan.", "Opfølgning på plan og aftaler fra sidste samtale."}));
  } else if (m == "14-dagessamtale") {
    s.say(SB, {"Det her er den samtale, vi har, når du har været tilmeldt i cirka fjorten dage. Jeg vil gerne høre, "
               "hvordan du har det, og hvad du selv tænker, der skal til.",
               "Vi skal bruge i dag på at finde ud af, hvor du er lige nu, og hvad der kan hjælpe dig videre. Der er ikke "
               "noget, der skal besluttes i dag, som du ikke er med på."});
    s.note(kFormaal, "Samtale ca. 14 dage efter tilmelding som aktivitetsparat. Afdækning af situation, ressourcer og barrierer.");
  } else if (m == "opfølgningssamtale" && is(s, Group::Aktivitetsparate)) {
    s.say(SB, {"Vi skal følge op på, hvordan det går med de ting, vi aftalte sidst, og så vil jeg gerne høre, hvordan du har det.",
               "I dag er det en opfølgning. Jeg har ikke noget bestemt, der skal nås, det er mest for at høre, hvordan det går."});
    s.note(kFormaal, "Opfølgningssamtale. Status på trivsel og aftalte indsatser.");
  } else if (m == "rundbordssamtale") {
    s.say(SB, {"I dag er det en rundbordssamtale, så vi kan få alle perspektiver på bordet og blive enige om den næste "
               "del af planen. Jeg har også fået en skriftlig status fra din mentor, som jeg læser op undervejs.",
               "Vi har kaldt det en rundbordssamtale, fordi vi skal samle op på det hele: helbred, økonomi, og hvad der "
               "skal ske med din plan. Der er kommet nogle udtalelser, som jeg vil gennemgå med dig."});
    s.note(kFormaal, is(s, Group::Ressourceforloeb) ? "Rundbordssamtale i ressourceforløb. Fælles status og justering af den helhedsorienterede plan."
                                                    : "Rundbordssamtale. Fælles status og justering af plan.");
  } else if (m == "første samtale sygedagpenge") {
    s.say(SB, {"Du er sygemeldt, og det her er den første samtale, vi har om din sygemelding. Jeg skal høre, hvordan du "
               "har det, hvad der sker i forhold til behandling, og hvordan det ser ud med dit arbejde.",
               "Når man er sygemeldt og får sygedagpenge, så har vi en samtale med dig. Det handler ikke om at presse dig, "
               "men om at finde ud af, hvad der skal til, for at du kan komme tilbage."});
    s.note(kFormaal, "Første opfølgningssamtale i sygedagpengesag.");
  } else if (m == "opfølgningssamtale sygedagpenge") {
    s.say(SB, {"Vi skal følge op på din sygemelding. Jeg vil gerne høre, hvordan det går med helbredet, og om der er sket "
               "noget nyt i forhold til arbejdspladsen.",
               "Det er en opfølgning i din sygedagpengesag. Sidst snakkede vi om behandlingen, så jeg er spændt på at høre, "
               "hvordan det går."});
    s.note(kFormaal, "Opfølgningssamtale i sygedagpengesag.");
  } else if (m == "samtale om delvis raskmelding") {
    s.say(SB, {"I dag skal vi snakke om, hvordan du kan komme gradvist tilbage på arbejde, altså en delvis raskmelding.",
               "Du nævnte sidst, at du godt kunne tænke dig at starte lidt op igen, så det er det, vi skal snakke om i dag."});
    s.note(kFormaal, "Samtale om mulighed for delvis raskmelding og gradvis tilbagevenden til arbejdet.");
  } else if (m == "uddannelsessamtale") {
    s.say(SB, {"I dag skal vi snakke om uddannelse, for målet er jo, at du kommer i gang med en uddannelse, der kan give "
               "dig et job.",
               "Det er en uddannelsessamtale i dag. Jeg vil gerne høre, hvad du drømmer om, og så finder vi ud af, hvad der "
               "skal til for at komme derhen."});
    s.note(kFormaal, "Uddannelsessamtale. Afklaring af uddannelsesmål og vejen dertil.");
  } else if (m == "første samtale" && is(s, Group::Uddannelsesparate)) {
    s.say(SB, {"Det er første gang, vi ses. Når man er under tredive og ikke har en uddannelse, så er det uddannelse, vi "
               "fokuserer på her, og ikke så meget job.",
               "Velkommen til din første samtale. Du er visiteret som uddannelsesparat, og det betyder, at vi skal finde en "
               "uddannelse, du kan starte på."});
    s.note(kFormaal, "Første samtale som uddannelsesparat. Afklaring af uddannelsesønsker og forudsætninger.");
  } else if (m == "opfølgningssamtale" && is(s, Group::Uddannelsesparate)) {
    s.say(SB, {"I dag skal vi følge op på din uddannelsesplan og se, om du er kommet nærmere en start.",
               "Vi skal snakke om, hvordan det går med at blive klar til uddannelse, siden vi sidst sås."});
    s.note(kFormaal, "Opfølgningssamtale på uddannelsesplan.");
  } else if (m == "opfølgningssamtale ressourceforløb") {
    s.say(SB, {"Vi skal følge op på dit ressourceforløb og se på, hvordan de forskellige ting i planen går.",
               "Det er en opfølgning på ressourceforløbet. Jeg har talt med din mentor og med sundhedskoordinatoren, og det "
               "vil jeg gerne fortælle dig om."});
    s.note(kFormaal, "Opfølgningssamtale i ressourceforløb.");
  } else if (m == "samtale om arbejdsprøvning") {
    s.say(SB, {"I dag skal vi snakke om en arbejdsprøvning, altså at du prøver kræfter med nogle timer på en arbejdsplads, "
               "så vi kan se, hvad du kan holde til.",
               "Formålet i dag er at planlægge en arbejdsprøvning. Det er ikke en test, du kan dumpe, det er for at finde "
               "ud af, hvad der fungerer for dig."});
    s.note(kFormaal, "Samtale om opstart af arbejdsprøvning.");
  } else if (m == "integrationssamtale") {
    s.say(SB, {"I dag skal vi snakke om, hvordan det går med dansk og med at komme i arbejde, for det er de to ting, dit "
               "program handler om.",
               "Det er en integrationssamtale. Vi skal følge op på danskundervisningen og snakke om, hvilket arbejde du kan "
               "gå efter."});
    s.note(kFormaal, "Integrationssamtale. Status på danskuddannelse og beskæftigelsesrettet indsats.");
  } else if (m == "samtale om virksomhedspraktik") {
    s.say(SB, {"I dag skal vi tale om den virksomhedspraktik, jeg har fundet til dig.",
               "Jeg har gode nyheder, for jeg har talt med en virksomhed, der gerne vil have dig i praktik. Det skal vi "
               "snakke om i dag."});
    s.note(kFormaal, "Samtale om opstart af virksomhedspraktik.");
  } else {
    s.say(SB, {"I dag skal vi følge op på, hvordan det går, og se på din plan.", "Vi skal snakke om, hvordan det er gået siden sidst."});
    s.note(kFormaal, "Opfølgningssamtale.");
  }
  if (s.p.first_meeting && s.chance(0.4))
    s.say(B, {"Okay. Jeg er lidt nervøs, for jeg har aldrig prøvet det her før.", "Ja, det er godt, for jeg har mange spørgsmål.",
              "Fint. Jeg ved ikke helt, hvad der skal ske, så det er godt, du forklarer det."});
  else
    s.say(B, {"Ja, det lyder fint.", "Okay.", "Ja.", "Det er fint.", "Ja, det er i orden."});
}

void work_history(Scene& s) {
  auto& v = s.vars;
  const int years = s.p.years_employed;
  v["aar"] = s.chance(0.2) ? "næsten " + spoken_count(s.rng, years, true) + " år" : spoken_count(s.rng, years, true) + " år";
  s.say(SB, {"Vil du fortælle lidt om, hvad du lavede før?", "Hvad har du arbejdet med indtil nu?",
             "Kan du starte med at fortælle mig lidt om dit seneste job?", "Hvad lavede du, før du kom herind?"});
  if (is(s, Group::Integration)) {
    v["hjemjob"] = s.p.prev_job;
    s.say(B, {"I {land} arbejdede jeg som {job} i {aar}. Her i Danmark har jeg kun haft lidt rengøringsarbejde.",
              "Jeg var {job} i {land}, i {aar}. Det var et godt arbejde, men her er det svært uden dansk.",
              "Hjemme i {land} var jeg {job}. Jeg arbejdede der i {aar}, og så måtte vi flygte."});
    s.fact("job_title", s.p.prev_job, s.p.prev_job, "erhverv i hjemland");
    s.fact("duration", std::to_string(years) + " år", v["aar"], "erhvervserfaring i hjemland");
    s.say(SB, {"Har du fået din uddannelse eller dine papirer vurderet her i Danmark?",
               "Har du nogen papirer på din uddannelse fra {land}?"});
    if (s.chance(0.5)) {
      s.say(B, {"Nej, jeg har ikke mine papirer. De blev væk.", "Nej, jeg vidste ikke, at man kunne det."});
      s.say(SB, {"Det kan man få hjælp til. Man kan søge om en vurdering hos Uddannelses- og Forskningsstyrelsen, og så "
                 "kan jeg hjælpe dig med at udfylde ansøgningen.",
                 "Det kan vi kigge på sammen en anden gang. Der findes en ordning, hvor man kan få sine kompetencer vurderet, "
                 "selvom man ikke har alle papirerne."});
      s.agreed.push_back("vi kigger på at få din uddannelse vurderet");
      s.note(kAftaler, "Sagsbehandler undersøger mulighed for vurdering af borgers uddannelse fra hjemlandet.");
    } else {
      s.say(B, {"Ja, jeg har fået den vurderet, men de siger, den ikke svarer helt til den danske.",
                "Ja, jeg har papirerne, men de er på {sprog}."});
      s.say(SB, {"Okay. Så er det vigtigt, at du får noget erfaring fra en dansk arbejdsplads.",
                 "Det noterer jeg. Det kan være en fordel senere, når du søger job inden for faget."});
    }
    s.note(kSituation, "Borger har arbejdet som " + s.p.prev_job + " i " + s.vars["land"] + " i ca. " + std::to_string(years) +
                           " år. Har begrænset erhvervserfaring fra Danmark.");
    return;
  }
  if (is(s, Group::Uddannelsesparate) || is(s, Group::Aktivitetsparate)) {
    s.say(B, {"Jeg har mest haft småjobs. Jeg var {job} hos {firma} i et stykke tid, men det holdt ikke.",
              "Ikke så meget. Jeg har været {job} i {aar}, men det var kun deltid.",
              "Jeg har arbejdet som {job} hos {firma}, men det er efterhånden noget tid siden."});
    s.fact("job_title", s.p.prev_job, s.p.prev_job, "tidligere beskæftigelse");
    s.say(SB, {"Hvad var godt ved det job?", "Hvad synes du selv, du var god til der?"});
    s.say(B, {"Jeg kunne godt lide kollegerne. Og jeg kunne godt lide, at der var faste opgaver.",
              "At man var i gang hele tiden. Jeg har det bedst, når jeg har noget at lave.",
              "Altså, jeg kunne godt lide at snakke med kunderne, det var det bedste."});
    s.note(kSituation, "Borger har tidligere haft beskæftigelse som " + s.p.prev_job + ", senest hos " + s.p.employer + ".");
    return;
  }
  s.say(B, {"Jeg har været {job} hos {firma} i {aar}. Der har jeg mest {opgaver}.",
            "Ja, jeg har arbejdet som {job}. Senest hos {firma}, hvor jeg var i {aar}.",
            "Jeg har været hos {firma} i {aar} som {job}. Og før det var jeg et andet sted i {nabo1}.",
            "Jeg har {opgaver}. Det var hos {firma}, som {job}, og det var jeg i {aar}."});
  s.fact("job_title", s.p.prev_job, s.p.prev_job, "tidligere stilling");
  s.fact("organisation", s.p.employer, s.p.employer, "tidligere arbejdsgiver");
  s.fact("duration", std::to_string(years) + " år", v["aar"], "anciennitet");
  if (s.chance(0.5)) s.backchannel(SB);
  s.say(SB, {"Og hvorfor stoppede det?", "Hvad skete der så?", "Hvordan kan det være, at du er blevet ledig?",
             "Må jeg spørge, hvorfor du stoppede der?"});
  std::string reason_note;
  if (is(s, Group::Jobparate)) {
    switch (s.rng.index(3)) {
      case 0:
        s.say(B, {"Det var et vikariat, og det blev ikke forlænget. Og jeg var ikke medlem af en a-kasse, så derfor er jeg på kontanthjælp.",
                  "Jeg var kun ansat på timebasis, og så fik jeg ikke flere vagter. Jeg har aldrig været i en a-kasse."});
        reason_note = "Ansættelsen ophørte; borger er ikke medlem af en a-kasse";
        break;
      case 1:
        s.say(B, {"Jeg blev fyret. Jeg kom for sent nogle gange, fordi jeg havde det dårligt, og så var det slut.",
                  "Jeg blev afskediget efter prøvetiden. De sagde, at jeg ikke var hurtig nok."});
        reason_note = "Borger blev afskediget";
        break;
      default:
        s.say(B, {"Jeg flyttede herover fra {nabo2} sammen med min kæreste, og så kunne jeg ikke blive ved med at køre så langt.",
                  "Jeg sagde op, fordi jeg flyttede. Det var måske dumt, men jeg troede, jeg hurtigt ville finde noget nyt."});
        reason_note = "Borger sagde selv op i forbindelse med flytning";
    }
  } else {
    v["antal_opsagt"] = spoken_count(s.rng, static_cast<int>(s.rng.uniform_int(3, 40)));
    switch (s.rng.index(5)) {
      case 0:
        s.say(B, {"De lukkede afdelingen her i {by} og flyttede det hele til {nabo1}, og der blev vi {antal_opsagt} stykker sagt op.",
                  "Afdelingen blev flyttet til {nabo1}, og så blev vi {antal_opsagt} mand sagt op på én gang."});
        reason_note = "opsagt i forbindelse med at afdelingen blev flyttet til " + v["nabo1"];
        break;
      case 1:
        s.say(B, {"Der var ikke nok ordrer, så de skar ned, og det var sidst ind, først ud.",
                  "Det gik dårligt for firmaet, og de måtte afskedige folk. Jeg var en af dem."});
        reason_note = "opsagt på grund af arbejdsmangel";
        break;
      case 2:
        s.say(B, {"Det var et vikariat, og det blev ikke forlænget.", "Jeg var tidsbegrænset ansat, og kontrakten udløb."});
        reason_note = "tidsbegrænset ansættelse ophørte";
        break;
      case 3:
        s.say(B, {"Firmaet gik konkurs. Det kom helt bag på os alle sammen.", "De gik konkurs, og vi fik først besked dagen før."});
        reason_note = "virksomheden gik konkurs";
        break;
      default:
        s.say(B, {"De lavede en omstrukturering, og min stilling blev nedlagt.",
                  "Jeg blev fyret, fordi de omstrukturerede. Det var ikke noget med mig, sagde de."});
        reason_note = "stillingen blev nedlagt ved omstrukturering";
    }
  }
  s.say(SB, {"Det var jeg ked af at høre.", "Det lyder surt.", "Okay. Det må have været en hård omgang.", "Det forstår jeg."});
  const Date ledig = date_before(s, 10, 70);
  v["ledig"] = spoken_date(s.rng, ledig, false);
  s.say(SB, {"Og du har været ledig siden {ledig}, kan jeg se?", "Jeg kan se her, at du er blevet ledig {ledig}. Passer det?",
             "Din ledighed starter {ledig}, står der her."});
  s.say(B, {"Ja, det passer.", "Ja, det er rigtigt.", "Ja, det tror jeg nok."});
  s.fact("date", date_value(ledig), v["ledig"], "ledig fra");
  s.note(kSituation, "Borger har været ansat som " + s.p.prev_job + " hos " + s.p.employer + " i ca. " + std::to_string(years) +
                         " år; " + reason_note + ". Ledig fra " + note_date(ledig) + ".");

  std::vector<Step> extra = {
      [&] {
        s.say(SB, {"Har du lavet andet før det?", "Hvad med tidligere, har du andre erfaringer?"});
        v["job2"] = pick_alt(s.rng, sectors()[s.rng.index(sectors().size())].jobs);
        s.say(B, {"Ja, før det var jeg {job2} i et par år. Og som ung arbejdede jeg på en tankstation.",
                  "Jeg har også været {job2}, men det er mange år siden.",
                  "Lidt af hvert. Jeg har været {job2}, og så har jeg været i militæret."});
        s.note(kSituation, "Har tidligere erfaring som " + v["job2"] + ".");
      },
      [&] {
        s.say(SB, {"Hvordan ser det ud derhjemme, har du familie?", "Hvordan er din situation derhjemme?"});
        if (s.p.children > 0) {
          v["boern"] = spoken_count(s.rng, s.p.children, true);
          s.say(B, {"Jeg bor i {hjemby} med min partner, og vi har {boern} børn.",
                    "Jeg har {boern} børn. Den yngste går i børnehave, så jeg skal hente klokken fire.",
                    "Vi er en familie med {boern} børn, så der er nok at se til."});
          s.note(kSituation, "Bor i " + v["hjemby"] + " og har " + std::to_string(s.p.children) +
                                 (s.p.children == 1 ? " barn." : " børn."));
        } else {
          s.say(B, {"Jeg bor alene i en lejlighed i {hjemby}.", "Jeg bor sammen med min kæreste i {hjemby}, ingen børn."});
          s.note(kSituation, "Bor i " + v["hjemby"] + ", ingen børn.");
        }
      },
      [&] {
        s.say(SB, {"Har du bil eller kørekort?", "Hvordan med transport, har du bil?"});
        if (s.p.has_car) {
          s.say(B, {"Ja, jeg har bil, så jeg kan godt pendle.", "Ja, jeg har både kørekort og bil."});
          s.note(kSituation, "Har kørekort og bil.");
        } else {
          s.say(B, {"Nej, jeg har ikke bil, så det er bus og tog.", "Jeg har kørekort, men ingen bil lige nu."});
          s.note(kSituation, "Har ikke bil.");
        }
      },
  };
  some(s, 1, 3, extra);
}

void akasse(Scene& s) {
  auto& v = s.vars;
  v["akasse"] = pick_alt(s.rng, s.p.sector->akasser);
  const int since = 2026 - static_cast<int>(s.rng.uniform_int(2, std::max(3, s.p.age - 20)));
  v["siden"] = std::to_string(since);
  s.say(SB, {"Er du medlem af en a-kasse?", "Hvilken a-kasse er du i?", "Du er medlem af en a-kasse, ikke?"});
  s.say(B, {"Ja, {akasse}. Jeg har været der siden {siden}, tror jeg.", "Ja, jeg er i {akasse}.",
            "Ja, det er {akasse}. Det har jeg været i mange år."});
  s.fact("organisation", v["akasse"], v["akasse"], "a-kasse");
  s.note(kSituation, "Medlem af " + v["akasse"] + ".");
  std::vector<Step> steps = {
      [&] {
        const int amount = static_cast<int>(s.rng.uniform_int(165, 203)) * 100;
        v["dp"] = spoken_amount(s.rng, amount);
        s.say(SB, {"Har du været i kontakt med dem endnu?", "Har du snakket med a-kassen om dine dagpenge?"});
        s.say(B, {"Ja, jeg havde et møde med dem i sidste uge, og de har sagt, at jeg får omkring {dp} om måneden før skat.",
                  "Ja, de har regnet på det. Det bliver cirka {dp} om måneden, før skat.",
                  "Ja, og jeg har fået at vide, at det er {dp} om måneden. Det er jo en del mindre end før."});
        s.fact("amount", std::to_string(amount), v["dp"], "dagpenge pr. måned (oplyst af borger)");
        s.say(SB, {"Det er a-kassen, der vurderer din ret til dagpenge og udbetaler dem. Vi står for samtalerne og for at "
                   "hjælpe dig i job.",
                   "Godt. Det er jo a-kassen, der har styr på pengene, så hvis der er spørgsmål til udbetalingen, er det dem, "
                   "du skal ringe til."});
        s.note(kSituation, "Borger oplyser at forvente ca. " + grouped_digits(amount) + " kr. om måneden i dagpenge før skat.");
      },
      [&] {
        s.say(B, {"Må jeg holde ferie? Vi har planlagt en tur til {nabo2} til sommerhus i en uge.",
                  "Hvad med ferie? Vi skal besøge min søster i en uge."});
        s.say(SB, {"Ferie skal du melde til a-kassen på forhånd, og om du får penge, afhænger af, om du har optjent "
                   "feriedagpenge. Det må du tale med a-kassen om. Du skal bare give mig besked også.",
                   "Du skal melde ferien til a-kassen i god tid. Mens du holder ferie, skal du ikke søge job, men du skal "
                   "registrere ferien, ellers kan det give problemer."});
        s.say(B, {"Okay, det gør jeg.", "Ja, så ringer jeg til dem."});
        s.note(kAftaler, "Borger er vejledt om at melde ferie til a-kassen på forhånd.");
      },
      [&] {
        s.say(SB, {"Og husk, hvis du får et par timers arbejde ind imellem, så skal det på dagpengekortet.",
                   "Hvis du får et vikarjob i en uge eller to, så skal du bare melde det på dit dagpengekort, så bliver timerne "
                   "modregnet."});
        s.say(B, {"Ja, det har de også sagt.", "Okay, det vidste jeg ikke. Godt at vide.", "Ja, det skal jeg nok."});
        s.note(kAftaler, "Borger er vejledt om at angive arbejdstimer på dagpengekortet.");
      },
  };
  some(s, 2, 3, steps);
}

void economy(Scene& s) {
  auto& v = s.vars;
  const int rent = static_cast<int>(s.rng.uniform_int(38, 92)) * 100;
  v["husleje"] = spoken_amount(s.rng, rent);
  s.say(SB, {"Hvordan hænger økonomien sammen for tiden?", "Må jeg spørge lidt ind til din økonomi?",
             "Hvordan går det med pengene?"});
  s.say(B, {"Det er stramt. Huslejen er {husleje} om måneden, og så er der el og telefon.",
            "Det går lige. Jeg betaler {husleje} i husleje, så der er ikke meget tilbage.",
            "Ikke så godt. Huslejen alene er {husleje}, og det er svært at få det til at løbe rundt."});
  s.fact("amount", std::to_string(rent), v["husleje"], "husleje pr. måned");
  std::string situation = "Borger oplyser husleje på " + grouped_digits(rent) + " kr. om måneden";
  if (s.chance(0.45)) {
    const int debt = static_cast<int>(s.rng.uniform_int(8, 180)) * 1000;
    v["gaeld"] = spoken_amount(s.rng, debt);
    s.say(B, {"Og så har jeg noget gæld, omkring {gaeld}, fra dengang med bilen.",
              "Jeg har også gæld. Det er cirka {gaeld}, mest til Skat og et kviklån.",
              "Og der er en gæld på {gaeld}, som jeg betaler af på hver måned."});
    s.fact("amount", std::to_string(debt), v["gaeld"], "gæld");
    situation += " og gæld på ca. " + grouped_digits(debt) + " kr";
    v["raad"] = pick_alt(s.rng, "Den Sociale Retshjælp|Røde Kors' gældsrådgivning|Kirkens Korshærs gældsrådgivning|"
                                "Mødrehjælpens gældsrådgivning|kommunens gældsrådgivning");
    s.say(SB, {"Har du snakket med nogen om gælden? Der er gratis rådgivning hos {raad}.",
               "Jeg vil anbefale, at du kontakter {raad}. Det er gratis, og de kan hjælpe med at få overblik."});
    if (s.chance(0.6)) {
      s.say(B, {"Nej, det har jeg ikke. Men det vil jeg gerne.", "Det har jeg ikke tænkt på. Kan du give mig nummeret?"});
      s.say(SB, {"Jeg sender dig oplysningerne på Jobnet i dag.", "Ja, jeg skriver det ned til dig."});
      s.fact("organisation", v["raad"], v["raad"], "gældsrådgivning");
      s.agreed.push_back("du kontakter " + v["raad"] + " om gælden");
      s.note(kAftaler, "Borger kontakter " + v["raad"] + " om gæld. Sagsbehandler sender kontaktoplysninger via Jobnet.");
    } else {
      s.say(B, {"Jeg har faktisk en aftale med dem i næste uge.", "Ja, jeg har været der en gang."});
      s.note(kSituation, "Borger er i kontakt med gældsrådgivning.");
    }
  }
  s.note(kSituation, situation + ".");
  if (s.chance(0.35)) {
    s.say(SB, {"Hvis der kommer en uforudset udgift, for eksempel til tandlæge, så kan du søge om hjælp til det. Det skal "
               "bare være, før du betaler.",
               "Du ved, at man kan søge om hjælp til enkeltudgifter, hvis der er noget særligt, for eksempel medicin eller "
               "tandlæge?"});
    s.say(B, {"Nej, det vidste jeg ikke.", "Ja, det har jeg hørt om.", "Okay. Jeg skal faktisk til tandlæge snart."});
    s.note(kSituation, "Vejledt om mulighed for at søge hjælp til enkeltudgifter.");
  }
}

void health(Scene& s) {
  auto& v = s.vars;
  const HealthCondition& h = *s.p.health;
  v["helbred"] = std::string(h.citizen_says);
  v["behandling"] = std::string(h.treatment);
  v["begraensning"] = std::string(h.limitation);
  const bool sick = is(s, Group::Sygemeldte);
  if (sick) {
    const Date since = date_before(s, s.p.first_meeting ? 20 : 45, s.p.first_meeting ? 45 : 140);
    v["sygedato"] = spoken_date(s.rng, since, false);
    s.say(SB, {"Du har været sygemeldt siden {sygedato}, ikke?", "Jeg kan se, at din sygemelding starter {sygedato}. Er det rigtigt?",
               "Du blev sygemeldt {sygedato}, står der her."});
    s.say(B, {"Jo, det er rigtigt.", "Ja, det passer.", "Ja, det var der, det startede."});
    s.fact("date", date_value(since), v["sygedato"], "sygemeldt fra");
    s.note(kSituation, "Borger har været sygemeldt fra stillingen som " + s.p.prev_job + " hos " + s.p.employer + " siden " +
                           note_date(since) + ".");
  }
  s.say(SB, {"Vil du fortælle, hvordan du har det for tiden?", "Hvordan går det med helbredet?",
             "Kan du fortælle lidt om, hvad der er sket, og hvordan du har det nu?",
             s.p.first_meeting ? "Hvad er baggrunden for, at du er her i dag?" : "Hvordan har du haft det siden sidst?"});
  s.say(B, {"Altså, {helbred}. Det har været en hård periode.", "Det er op og ned, men {helbred}.",
            "Ja, {helbred}. Og det påvirker det hele, også derhjemme.", "Ikke så godt, {helbred}."});
  s.fact("health", std::string(h.key), v["helbred"], "helbred");
  s.note(kSituation, "Borger oplyser at have " + std::string(h.note) + ".");
  std::vector<Step> steps = {
      [&] {
        s.say(SB, {"Er du i behandling for det?", "Hvad siger lægen?", "Får du noget hjælp til det?"});
        s.say(B, {"Ja, jeg {behandling}.", "Lægen siger, at det tager tid. Jeg {behandling}.", "Jeg {behandling}, og det hjælper lidt."});
        s.note(kSituation, std::string(h.treatment_note));
      },
      [&] {
        s.say(SB, {"Hvad er det, du ikke kan lige nu?", "Er der noget, du har svært ved i hverdagen?"});
        s.say(B, {"Jeg kan ikke {begraensning}. Det er det, der er sværest.", "Jeg kan ikke {begraensning}, og det er frustrerende.",
                  "Altså, jeg kan ikke {begraensning} lige nu."});
        s.note(kSituation, "Kan aktuelt ikke " + std::string(h.limitation) + ".");
      },
      [&] {
        s.say(SB, {"Hvordan ser en almindelig dag ud for dig?", "Hvordan sover du om natten?"});
        s.say(B, {"Jeg står op og prøver at gå en tur om formiddagen. Men om eftermiddagen er jeg helt flad.",
                  "Jeg sover dårligt, så dagene er meget forskellige. Nogle dage kommer jeg slet ikke ud.",
                  "Jeg har fået en fast rytme nu, det hjælper. Jeg står op klokken syv og går en tur med hunden.",
                  "Det er meget svingende. Nogle dage har jeg det fint, andre dage ligger jeg på sofaen det meste af tiden."});
        s.note(kSituation, s.one({"Beskriver svingende energi i løbet af dagen.", "Beskriver søvnproblemer og svingende dagsform.",
                                  "Har etableret en fast døgnrytme."}));
      },
      [&] {
        v["attest"] = pick_alt(s.rng, "en lægeattest|en statusattest|en attest");
        s.say(SB, {"Jeg vil gerne indhente {attest} fra din egen læge, så vi har det på skrift. Er det i orden, at jeg gør det?",
                   "For at vi kan planlægge det rigtige, har jeg brug for {attest} fra din læge. Må jeg bede om den?"});
        s.say(B, {"Ja, det er fint.", "Ja, selvfølgelig.", "Ja. Skal jeg selv gøre noget?"});
        if (s.chance(0.4)) s.say(SB, {"Nej, jeg sender en anmodning direkte til lægen. Det koster ikke noget for dig."});
        s.fact("agreement", "indhentning af lægeattest", v["attest"], "lægeattest");
        s.agreed.push_back("jeg indhenter " + v["attest"] + " fra din læge");
        s.note(kAftaler, "Der indhentes " + v["attest"].substr(v["attest"].find(' ') + 1) + " fra egen læge med borgers samtykke.");
      },
  };
  some(s, 3, 4, steps);
  if (s.p.relative && s.chance(0.7)) {
    s.say(P, {"Må jeg lige sige noget? {Han} siger, det går okay, men derhjemme kan jeg godt se, at {han} er meget træt om eftermiddagen.",
              "Jeg vil bare sige, at {han} gør rigtig meget for at blive bedre. Men der er mange dårlige dage.",
              "Det er også hårdt for os andre. Der er dage, hvor {han} slet ikke kommer ud af sengen."});
    s.say(SB, {"Tak, det er godt at få med.", "Tak, {pnavn}. Det er vigtigt, at vi også hører det.", "Det noterer jeg."});
    s.note(kSituation, capitalize_first(s.p.relative_note) + " supplerer, at borger har mange dårlige dage.");
  }
  if (sick && s.chance(0.5)) {
    s.say(SB, {"Du skal vide, at vi efter 22 uger skal vurdere, om din sygedagpengeperiode kan forlænges. Det er ikke "
               "noget, du skal bekymre dig om nu, men jeg vil gerne have sagt det.",
               "Der er en regel om, at sygedagpenge som udgangspunkt stopper efter 22 uger, medmindre der er grundlag for "
               "forlængelse. Det holder vi øje med sammen."});
    s.say(B, {"Okay. Hvad så, hvis jeg ikke er rask til den tid?", "Det vidste jeg ikke. Det gør mig lidt nervøs."});
    s.say(SB, {"Så kigger vi på, om der er grundlag for forlængelse, eller om du kan komme i et jobafklaringsforløb. Du "
               "kommer ikke til at stå uden noget.",
               "Så finder vi en løsning. Der er forskellige muligheder, for eksempel et jobafklaringsforløb."});
    s.note(kSituation, "Borger er vejledt om revurdering efter 22 uger.");
  }
}

void employer(Scene& s) {
  auto& v = s.vars;
  v["leder"] = person_name(s, s.chance(0.5));
  s.say(SB, {"Hvordan er kontakten til din arbejdsplads?", "Har du snakket med nogen fra {firma} for nylig?",
             "Hvordan reagerede din arbejdsgiver, da du blev sygemeldt?"});
  const bool good = s.chance(0.7);
  if (good) {
    s.say(B, {"Jeg har snakket med min leder, {leder}, et par gange. De vil gerne have mig tilbage.",
              "Fint. {leder}, som er min leder, ringer en gang om ugen og hører, hvordan det går.",
              "Det er godt. Jeg har været inde og drikke kaffe med kollegerne, og {leder} har sagt, at jeg bare skal sige til."});
    s.fact("name", v["leder"], v["leder"], "leder på arbejdspladsen");
    s.note(kSituation, "God kontakt til arbejdspladsen; nærmeste leder er " + v["leder"] + ".");
  } else {
    s.say(B, {"Det er lidt svært. Jeg har ikke hørt fra dem i et stykke tid.",
              "Ikke så god. Jeg har en fornemmelse af, at de er trætte af, at jeg er væk.",
              "Jeg har kun fået et brev om en sygefraværssamtale. Jeg var der ikke."});
    s.note(kSituation, "Sparsom kontakt til arbejdspladsen.");
  }
  if (s.chance(0.6)) {
    s.say(SB, {"Har I lavet en mulighedserklæring eller en fastholdelsesplan?",
               "Har du og din arbejdsgiver talt om, hvad du kan lave, selvom du ikke er helt rask?"});
    if (s.chance(0.5)) {
      s.say(B, {"Ja, vi lavede en mulighedserklæring sammen med lægen.", "Ja, vi har udfyldt en mulighedserklæring."});
      s.note(kSituation, "Der er udarbejdet mulighedserklæring.");
    } else {
      s.say(B, {"Nej, hvad er det?", "Nej, det har vi ikke."});
      s.say(SB, {"Det er et skema, hvor du og din arbejdsgiver beskriver, hvad du kan og ikke kan, og så skriver lægen sin "
                 "vurdering. Det kan gøre det lettere at komme tilbage gradvist.",
                 "En fastholdelsesplan er en plan for, hvordan du kommer tilbage til dit arbejde. Den kan du bede din "
                 "arbejdsgiver om at lave sammen med dig."});
      s.agreed.push_back("du taler med din arbejdsgiver om en fastholdelsesplan");
      s.note(kAftaler, "Borger taler med arbejdsgiver om fastholdelsesplan.");
    }
  }
  const bool partial = meeting(s, "samtale om delvis raskmelding") || s.chance(0.4);
  if (partial) {
    const int hours = static_cast<int>(s.rng.uniform_int(2, 5)) * 4;
    v["timer_uge"] = spoken_count(s.rng, hours) + " timer om ugen";
    s.say(SB, {"Kunne du forestille dig at starte op på nogle timer om ugen?",
               "Hvad tænker du om at starte på nedsat tid, altså en delvis raskmelding?",
               "Hvor mange timer tror du, at du kunne holde til, hvis du startede lidt op igen?"});
    s.say(B, {"Ja, måske {timer_uge}, hvis det er lette opgaver.", "Jeg tror, jeg kunne klare {timer_uge} til at starte med.",
              "Det skal være stille og roligt. Måske {timer_uge}?"});
    const Date start = date_ahead(s, 5, 21);
    v["delvis_start"] = spoken_date(s.rng, start);
    s.say(SB, {"Det lyder fornuftigt. Så foreslår jeg, at du starter {delvis_start}, og at du selv tager kontakt til {leder} om det.",
               "Så aftaler vi, at du begynder {delvis_start}, og så trapper vi op, når det går godt.",
               "Hvis din arbejdsgiver er med på det, kan du starte {delvis_start}. Resten af tiden får du sygedagpenge som nu."});
    s.say(B, {"Ja, det vil jeg gerne prøve.", "Okay, det lyder godt.", "Ja. Jeg er lidt spændt, men det er fint."});
    s.fact("number", std::to_string(hours), v["timer_uge"], "timer pr. uge ved delvis raskmelding");
    s.fact("date", date_value(start), v["delvis_start"], "start delvis raskmelding");
    s.agreed.push_back("du starter på " + v["timer_uge"] + " " + v["delvis_start"]);
    s.note(kAftaler, "Delvis raskmelding med " + std::to_string(hours) + " timer om ugen fra " + note_date(start) +
                         ". Resterende timer dækkes af sygedagpenge.");
  }
}

void education(Scene& s) {
  auto& v = s.vars;
  v["skole_droppet"] = pick_alt(s.rng, "handelsskolen|teknisk skole|gymnasiet|HF|et grundforløb på erhvervsskolen|SOSU-skolen");
  s.say(SB, {"Hvad har du lavet, siden du gik ud af skolen?", "Kan du fortælle lidt om din skolegang?",
             "Hvor langt nåede du i skolen?"});
  s.say(B, {"Jeg gik ud af niende, og så startede jeg på {skole_droppet}, men jeg droppede ud efter et halvt år.",
            "Jeg tog tiende klasse på efterskole, og så begyndte jeg på {skole_droppet}, men det var ikke noget for mig.",
            "Jeg har gået på {skole_droppet} i et år, men så blev jeg syg og kom aldrig tilbage.",
            "Ikke så langt. Jeg har folkeskolen, og så har jeg prøvet {skole_droppet}."});
  s.fact("organisation", v["skole_droppet"], v["skole_droppet"], "afbrudt uddannelse");
  s.note(kSituation, "Borger har folkeskolens afgangsprøve og har tidligere påbegyndt " + v["skole_droppet"] +
                         ", men afbrudt forløbet.");
  std::vector<Step> steps = {
      [&] {
        s.say(SB, {"Har du bestået dansk og matematik fra folkeskolen?", "Hvordan gik afgangsprøverne?"});
        if (s.chance(0.5)) {
          s.say(B, {"Dansk ja, men matematik bestod jeg ikke.", "Jeg fik fire i dansk og to i matematik, tror jeg."});
          s.say(SB, {"Så kan det være en god idé at tage matematik på FGU eller VUC først.",
                     "Det kan vi godt løse. Man kan tage matematik på VUC ved siden af."});
          s.note(kSituation, "Mangler bestået matematik.");
        } else {
          s.say(B, {"Ja, jeg har bestået det hele.", "Ja, det gik fint nok."});
          s.note(kSituation, "Har bestået dansk og matematik.");
        }
      },
      [&] {
        s.say(SB, {"Hvad gik galt sidste gang, tror du?", "Hvad var det, der gjorde, at du stoppede?"});
        s.say(B, {"Jeg havde svært ved at komme op om morgenen, og så kom jeg bagud.", "Der var en dårlig stemning i klassen, og jeg følte mig udenfor.",
                  "Jeg havde det ikke så godt psykisk. Det har jeg det bedre med nu.", "Jeg fik et job, og så tænkte jeg ikke mere over det."});
        s.note(kSituation, "Borger beskriver årsagen til frafald som " +
                               s.one({"problemer med at komme op om morgenen.", "mistrivsel i klassen.", "psykisk mistrivsel.",
                                      "at have fået et job."}));
      },
      [&] {
        s.say(SB, {"Hvor bor du henne nu?", "Bor du hjemme?"});
        if (s.chance(0.5)) {
          s.say(B, {"Jeg bor stadig hjemme hos min mor i {hjemby}.", "Jeg bor hjemme hos mine forældre."});
          s.note(kSituation, "Bor hjemme hos forældre i " + v["hjemby"] + ".");
        } else {
          s.say(B, {"Jeg har fået en ungdomsbolig i {by}.", "Jeg bor sammen med en kammerat i {hjemby}."});
          s.note(kSituation, "Bor selv.");
        }
      },
      [&] {
        s.say(SB, {"Du har fået et uddannelsespålæg. Ved du, hvad det betyder?", "Har du hørt om uddannelsespålæg?"});
        s.say(B, {"Ikke helt, nej.", "Det er noget med, at man skal i gang med en uddannelse, ikke?"});
        s.say(SB, {"Det betyder, at du skal søge ind på en uddannelse og være aktivt i gang med at blive klar til den. Hvis du "
                   "ikke gør det, kan det få betydning for din uddannelseshjælp.",
                   "Ja. Det betyder, at målet er, at du starter på en uddannelse, og at du skal deltage i de aktiviteter, der "
                   "gør dig klar. Ellers kan din ydelse blive trukket."});
        s.fact("obligation", "uddannelsespålæg", "uddannelsespålæg", "uddannelsespålæg");
        s.note(kAftaler, "Borger er orienteret om uddannelsespålæg og pligten til at søge og forberede uddannelse.");
      },
  };
  some(s, 3, 4, steps);
}

void language(Scene& s) {
  auto& v = s.vars;
  const int du = static_cast<int>(s.rng.uniform_int(1, 3));
  const int modul = static_cast<int>(s.rng.uniform_int(1, 5));
  v["du"] = "Danskuddannelse " + std::to_string(du) + ", modul " + std::to_string(modul);
  const int days = static_cast<int>(s.rng.uniform_int(2, 4));
  v["dage"] = spoken_count(s.rng, days) + " dage om ugen";
  v["aar_dk"] = spoken_count(s.rng, s.p.years_in_denmark, true) + (s.p.years_in_denmark == 1 ? " år" : " år");
  s.say(SB, {"Hvordan går det med danskundervisningen?", "Fortæl mig lidt om sprogskolen. Hvordan går det?",
             "Hvor langt er du kommet med dansk nu?"});
  s.say(B, {"Det går godt. Jeg går på {du}, og jeg er der {dage}.",
            "Jeg går på sprogcentret {dage}. Jeg er på {du} nu.",
            "Langsomt, men det går. Jeg er på {du}, {dage}. Det er svært med udtalen."});
  s.fact("intervention", "DU" + std::to_string(du) + " modul " + std::to_string(modul), v["du"], "danskuddannelse");
  s.fact("number", std::to_string(days), v["dage"], "dage med danskundervisning pr. uge");
  s.note(kSituation, "Borger går på " + v["du"] + ", " + std::to_string(days) + " dage om ugen.");
  std::vector<Step> steps = {
      [&] {
        s.say(SB, {"Hvor længe har du været i Danmark nu?", "Hvornår kom du til Danmark?"});
        s.say(B, {"Jeg kom for {aar_dk} siden, fra {land}.", "Det er {aar_dk} nu. Jeg kom fra {land} med min familie.",
                  "For {aar_dk} siden. Først boede vi i en anden kommune."});
        s.note(kSituation, "Borger kom til Danmark fra " + v["land"] + " for " + std::to_string(s.p.years_in_denmark) + " år siden.");
      },
      [&] {
        const Date test = date_ahead(s, 10, 50);
        v["modultest"] = spoken_date(s.rng, test);
        s.say(SB, {"Har du en modultest snart?", "Hvornår skal du op til næste test?"});
        s.say(B, {"Ja, {modultest}. Jeg er lidt nervøs.", "Jeg skal til modultest {modultest}.",
                  "Læreren siger, at jeg skal til test {modultest}."});
        s.say(SB, {"Det skal nok gå. Husk at sige til, hvis du har brug for at få fri fra praktikken den dag.",
                   "Det lyder godt. Så kan du komme videre til næste modul."});
        s.fact("date", date_value(test), v["modultest"], "modultest");
        s.note(kSituation, "Skal til modultest " + note_date(test) + ".");
      },
      [&] {
        s.say(SB, {"Bruger du dansk derhjemme eller i fritiden?", "Hvor øver du dansk uden for skolen?"});
        s.say(B, {"Mine børn taler dansk, så de hjælper mig. Men derhjemme taler vi mest {sprog}.",
                  "Jeg ser danske nyheder om aftenen, og jeg går til sprogcafé på biblioteket om torsdagen.",
                  "Ikke så meget. Det er det, der er problemet, jeg har ingen danske venner endnu."});
        s.note(kSituation, s.one({"Øver dansk med børnene.", "Går til sprogcafé på biblioteket.", "Har begrænset brug af dansk uden for undervisningen."}));
      },
  };
  some(s, 2, 3, steps);
}

void cpr(Scene& s) {
  s.say(SB, {"Inden jeg glemmer det, må jeg lige bede dig bekræfte dit CPR-nummer, så jeg er sikker på, at jeg har den rigtige sag?",
             "Jeg kan ikke lige finde dig i systemet. Vil du sige dit CPR-nummer?",
             "Systemet driller lidt. Kan jeg få dit CPR-nummer, så jeg kan slå dig op?"});
  s.say(B, {"Ja, det er {cpr}.", "Mit CPR-nummer er {cpr}.", "Ja, {cpr}."});
  s.say(SB, {"Tak, nu har jeg dig.", "Tak. Så er den der.", "Sådan, nu er jeg inde i den rigtige sag."});
  s.fact("cpr", s.vars["cpr_value"], s.vars["cpr"], "CPR-nummer");
}

void status_search(Scene& s) {
  auto& v = s.vars;
  const int sent = static_cast<int>(s.rng.uniform_int(2, 14));
  v["soegt"] = spoken_count(s.rng, sent) + s.one({" stillinger", " ansøgninger", " job"});
  v["firma_a"] = new_firm(s, *s.p.sector);
  v["firma_b"] = new_firm(s, *s.p.sector);
  s.say(SB, {"Hvordan er det gået med jobsøgningen siden sidst?", "Fortæl mig, hvad du har søgt, siden vi sås.",
             "Jeg har kigget i din joblog. Vil du fortælle lidt om, hvordan det går?"});
  s.say(B, {"Jeg har søgt {soegt}, blandt andet hos {firma_a} og {firma_b}.",
            "Det går lidt op og ned. Jeg har sendt {soegt} afsted, den ene til {firma_a}, og så en til {firma_b}.",
            "Jeg har søgt {soegt}. Det var mest som {maal}, for eksempel hos {firma_a} og {firma_b}."},
        {"Og så har jeg været forbi et vikarbureau.", "Det er svært at finde nogen, der passer.", "Jeg har skrevet dem alle ind i joblog."},
        0.4);
  s.fact("number", std::to_string(sent), v["soegt"], "søgte stillinger siden sidste samtale");
  s.fact("organisation", v["firma_a"], v["firma_a"], "søgt stilling hos");
  std::string situation = "Borger har siden sidste samtale søgt " + std::to_string(sent) + " stillinger, bl.a. hos " +
                          v["firma_a"] + " og " + v["firma_b"] + ".";
  if (s.chance(0.5)) {
    const Date d = date_before(s, 2, 12);
    v["samtaledato"] = spoken_date(s.rng, d, false);
    s.say(B, {"Og så var jeg til jobsamtale hos {firma_a} {samtaledato}, men de valgte en anden.",
              "Jeg var til samtale hos {firma_a} {samtaledato}. Jeg har ikke hørt noget endnu."});
    s.fact("date", date_value(d), v["samtaledato"], "jobsamtale hos arbejdsgiver");
    situation += " Har været til jobsamtale hos " + v["firma_a"] + " " + note_date(d) + ".";
    s.say(SB, {"Det er flot, at du kom til samtale. Det viser, at din ansøgning virker.",
               "Godt gået at komme til samtale. Fik du noget feedback?"});
    s.say(B, {"Ja, de sagde, at jeg var god, men at en anden havde mere erfaring.", "Nej, ikke rigtig.", "Mm, lidt. De syntes, jeg var lidt stille."});
  } else {
    s.say(B, {"Jeg har ikke hørt noget fra nogen af dem endnu.", "Jeg har fået to afslag, resten har ikke svaret.",
              "Der er ikke kommet noget ud af det endnu, og det er lidt op ad bakke."});
    situation += " Har endnu ikke fået positive svar.";
  }
  s.note(kSituation, situation);
  std::vector<Step> steps = {
      [&] {
        s.say(SB, {"Ringer du til arbejdsgiverne, før du søger?", "Har du prøvet at ringe til virksomhederne, inden du sender ansøgningen?"});
        s.say(B, {"Nej, jeg har svært ved at ringe, jeg bliver så nervøs.", "Nogle gange. Det hjælper faktisk.", "Nej, jeg skriver bare."});
        s.say(SB, {"Prøv det næste gang. Det gør en stor forskel, at de har hørt din stemme.",
                   "Det er en god idé at ringe. Så kan du også nævne samtalen i din ansøgning."});
      },
      [&] {
        s.say(SB, {"Hvad med uopfordrede ansøgninger? Har du prøvet det?", "Har du overvejet at søge uopfordret?"});
        s.say(B, {"Nej, det har jeg ikke tænkt på.", "Jeg har været rundt ved et par virksomheder i {hjemby} med mit CV.",
                  "Ja, en enkelt. Men jeg ved ikke helt, hvordan man skriver dem."});
        s.say(SB, {"Det er tit der, de gode job er. Mange stillinger bliver aldrig slået op.",
                   "Det kan vi kigge på. Jeg kan sende dig en skabelon."});
        s.note(kSituation, "Drøftet uopfordrede ansøgninger.");
      },
      [&] {
        s.say(SB, {"Bruger du andre steder end Jobnet til at finde stillinger?", "Hvor leder du efter stillinger?"});
        s.say(B, {"Jobindex og LinkedIn, og så Facebook-grupper for {hjemby}.", "Mest på Jobnet og på Jobindex.",
                  "Jeg har fået et vikarbureau til at skrive mig op."});
      },
  };
  some(s, 2, 3, steps);
}

void goal(Scene& s) {
  auto& v = s.vars;
  const auto g = s.p.group;
  if (g == Group::Uddannelsesparate) {
    const EducationGoal& e = *s.p.education;
    v["udd"] = std::string(e.spoken);
    v["udd_skole"] = std::string(e.school);
    v["udd_krav"] = std::string(e.entry);
    s.say(SB, {"Hvad kunne du tænke dig at uddanne dig til?", "Har du nogen idé om, hvad du gerne vil være?",
               "Hvis du selv skulle vælge, hvilken uddannelse skulle det så være?"});
    s.say(B, {"Jeg har tænkt på at blive {udd}.", "Jeg vil gerne være {udd}. Det har jeg tænkt på længe.",
              "Måske {udd}? Min fætter er det, og han er glad for det.", "Jeg ved det ikke helt, men måske {udd}."});
    s.fact("job_title", std::string(e.name), v["udd"], "uddannelsesmål");
    s.say(SB, {"Det er en god idé. For at komme ind der, så {udd_krav}.", "Det kan sagtens lade sig gøre. Det foregår på "
               "{udd_skole}, og {udd_krav}."});
    const Date deadline = date_ahead(s, 20, 90);
    v["frist"] = spoken_date(s.rng, deadline);
    s.say(SB, {"Ansøgningsfristen er {frist}, så vi har lidt tid.", "Du skal have søgt senest {frist}.",
               "Næste optag har ansøgningsfrist {frist}."});
    s.say(B, {"Okay. Kan du hjælpe mig med at søge?", "Det er snart.", "Okay, det skal jeg nok nå."});
    s.fact("date", date_value(deadline), v["frist"], "ansøgningsfrist");
    s.note(kMaal, "Uddannelsesmål: " + std::string(e.name) + " på " + std::string(e.school) + ". Ansøgningsfrist " +
                      note_date(deadline) + ".");
    if (s.chance(0.5)) {
      v["su"] = spoken_amount(s.rng, static_cast<int>(s.rng.uniform_int(64, 72)) * 100);
      s.say(B, {"Hvad med penge, når jeg går i skole?", "Får jeg stadig penge, når jeg starter?"});
      s.say(SB, {"Når du starter på uddannelsen, får du SU i stedet for uddannelseshjælp. Hvis du bor hjemmefra, er det omkring {su} om måneden før skat.",
                 "Så overgår du til SU, og på en erhvervsuddannelse får du elevløn, når du er i praktik."});
      s.note(kMaal, "Borger er vejledt om overgang til SU ved uddannelsesstart.");
    }
    return;
  }
  if (g == Group::Sygemeldte) {
    s.say(SB, {"Hvad er dit mål med det hele?", "Hvad tænker du selv om at komme tilbage til arbejdet?",
               "Hvis alt går godt, hvor er du så om et halvt år?"});
    s.say(B, {"Jeg vil gerne tilbage til mit arbejde som {job}. Jeg savner kollegerne.", "Tilbage som {job}, det er helt klart det, jeg vil.",
              "Jeg håber, jeg kan komme tilbage til {firma} som {job}, men jeg er ikke sikker på, at jeg kan det samme som før."});
    s.note(kMaal, "Mål: tilbagevenden til stillingen som " + s.p.prev_job + " hos " + s.p.employer +
                      s.one({".", ", evt. med tilpassede opgaver i en periode."}));
    s.fact("job_title", s.p.prev_job, s.p.prev_job, "stilling");
    return;
  }
  if (g == Group::Aktivitetsparate || g == Group::Ressourceforloeb) {
    s.say(SB, {"Hvis vi tænker et år frem, hvad kunne du så godt tænke dig?", "Hvad er dit eget mål, hvis du selv skal sige det?",
               "Hvad drømmer du om, når det gælder arbejde?"});
    switch (s.rng.index(3)) {
      case 0:
        s.say(B, {"At jeg har et arbejde, bare nogle timer om ugen, måske som {maal}.", "Jeg kunne godt tænke mig at arbejde som {maal}, men ikke fuld tid."});
        s.fact("job_title", s.p.goal_job, s.p.goal_job, "mål");
        s.note(kMaal, "Borgers mål er beskæftigelse på nedsat tid, gerne som " + s.p.goal_job + ".");
        break;
      case 1:
        s.say(B, {"Jeg vil gerne have et fleksjob på et tidspunkt. Jeg tror ikke, jeg kan arbejde fuld tid igen.",
                  "Ærligt talt tror jeg ikke på fuld tid. Men et fleksjob, måske som {maal}."});
        s.fact("intervention", "fleksjob", "fleksjob", "mål");
        s.note(kMaal, "Borger ønsker på sigt afklaring af muligheden for fleksjob.");
        break;
      default:
        s.say(B, {"Jeg vil bare gerne have det bedre, så jeg kan være der for mine børn. Og så et arbejde bagefter.",
                  "Først og fremmest at få det bedre. Så kan vi snakke om arbejde."});
        s.note(kMaal, "Borgers mål er først at få det bedre helbredsmæssigt og derefter at komme i arbejde.");
    }
    s.say(SB, {"Det er et rigtig godt mål, og det er det, vi arbejder hen imod.", "Det synes jeg lyder realistisk. Vi tager det i små skridt.",
               "Godt. Så skriver jeg det ind som dit mål."});
    return;
  }
  s.say(SB, {"Hvad kunne du tænke dig at arbejde med fremover?", "Hvad er dit jobmål?", "Hvilke stillinger søger du efter?",
             "Hvad vil du gerne lave, hvis du selv må vælge?"});
  const bool same = s.p.goal_job == s.p.prev_job;
  if (same)
    s.say(B, {"Jeg vil gerne blive ved med at arbejde som {maal}. Det er det, jeg kan.", "Helst som {maal} igen. Det er jeg god til.",
              "Jeg vil gerne fortsætte som {maal}, og så kunne jeg på sigt godt tænke mig mere ansvar."});
  else
    s.say(B, {"Jeg vil gerne prøve noget nyt. Jeg har tænkt på at blive {maal}.", "Helst noget som {maal}, men jeg vil også gerne tage job som {maal2}.",
              "Jeg kunne godt tænke mig at arbejde som {maal}. Jeg har altid været interesseret i det."});
  s.fact("job_title", s.p.goal_job, s.p.goal_job, "jobmål");
  std::string goal_note = "Jobmål: " + s.p.goal_job + ".";
  std::vector<Step> steps = {
      [&] {
        s.say(SB, {"Hvor langt vil du pendle?", "Hvor langt kan du køre hver dag?", "Hvilket område søger du i?"});
        s.say(B, {"Jeg kan godt køre til {nabo1} og {nabo2}, men ikke meget længere.", "Helst i {hjemby} eller {nabo1}.",
                  "Jeg kan godt tage toget til {nabo1}, det tager en halv time."});
        s.fact("place", v["nabo1"], v["nabo1"], "søgeområde");
        goal_note += " Søger i området omkring " + v["hjemby"] + " og " + v["nabo1"] + ".";
      },
      [&] {
        s.say(SB, {"Og fuld tid, eller tænker du deltid?", "Kan du arbejde alle tider af døgnet?"});
        // Only a parent has the children in the evening; the note may say "ingen børn" otherwise.
        if (s.p.children > 0)
          s.say(B, {"Fuld tid. Og gerne dagvagter, men jeg kan godt tage skiftehold.", "Fuld tid, helst dag. Jeg har børnene om aftenen.",
                    "Jeg kan arbejde alle tider, det er ikke noget problem."});
        else
          s.say(B, {"Fuld tid. Og gerne dagvagter, men jeg kan godt tage skiftehold.", "Fuld tid, helst dag. Jeg træner om aftenen.",
                    "Jeg kan arbejde alle tider, det er ikke noget problem."});
        goal_note += s.one({" Søger fuldtidsstillinger.", " Søger fuld tid; kan arbejde i skift."});
      },
      [&] {
        v["kompetence"] = pick_alt(s.rng, s.p.sector->skills);
        s.say(B, {"Og så har jeg {kompetence}, det tæller vel også.", "Jeg har {kompetence}, hvis det kan bruges til noget."});
        s.say(SB, {"Det skal helt sikkert med på dit CV.", "Det er rigtig godt, det efterspørger mange arbejdsgivere.",
                   "Det vidste jeg ikke. Det skal stå øverst i dit CV.", "Det er guld værd. Husk at nævne det i ansøgningerne.",
                   "Godt, det skriver jeg lige ned. Det åbner for flere stillinger."});
        goal_note += " Har " + v["kompetence"] + ".";
      },
      [&] {
        if (same)
          s.say(SB, {"Der er faktisk mange stillinger som {maal} i området lige nu, så det ser fornuftigt ud.",
                     "Der er gang i branchen, så jeg tror, du har gode chancer."});
        else
          s.say(SB, {"Det er et område, hvor der er lidt færre stillinger, så jeg vil gerne have, at du også søger bredt, for eksempel som {maal2}.",
                     "Det er et spændende skift. Men du skal nok også søge som {job} i en periode, så du ikke står stille."});
        if (!same) goal_note += " Søger også bredt, bl.a. som " + (s.vars["maal2"]) + ".";
      },
  };
  some(s, 3, 4, steps);
  s.note(kMaal, goal_note);
}

void cv_joblog(Scene& s) {
  auto& v = s.vars;
  s.say(SB, {"Har du fået lagt dit CV op på Jobnet?", "Hvordan ser det ud med dit CV?", "Lad os kigge på dit CV. Har du det på Jobnet?"});
  const bool has_cv = s.chance(0.6);
  if (has_cv)
    s.say(B, {"Ja, men det er ikke særlig godt, tror jeg.", "Ja, det har jeg lavet, men det er gammelt.", "Det har jeg, ja. Min søster hjalp mig."});
  else
    s.say(B, {"Nej, det har jeg ikke nået endnu. Jeg er ikke så god til computere.", "Nej, jeg vidste ikke, at jeg skulle."});
  const Date due = date_ahead(s, 3, 14);
  v["cv_frist"] = spoken_date(s.rng, due);
  std::vector<Step> steps = {
      [&] {
        s.say(SB, {"Jeg kan se, at der ikke står noget om, hvad du konkret lavede hos {firma}. Det skal med.",
                   "Det er en god start, men det er lidt kort. Arbejdsgiverne vil gerne kunne se dine konkrete opgaver.",
                   "Prøv at skrive en kort profiltekst øverst, bare tre-fire linjer om, hvem du er, og hvad du er god til."});
        s.say(B, {"Hvad skal der stå i den?", "Okay. Hvordan gør man det?", "Det har ingen sagt før."});
        s.say(SB, {"For eksempel, at du er stabil og mødestabil, og at du har erfaring med {opgaver}. Kort og konkret.",
                   "Skriv, hvad du har lavet, i punktform. Og få dine kurser og certifikater med."});
      },
      [&] {
        s.say(SB, {"Dit CV skal være synligt på Jobnet senest {cv_frist}. Kan du nå det?", "Kan du få det opdateret inden {cv_frist}?"});
        s.say(B, {"Ja, det kan jeg godt.", "Ja, det skal jeg nok.", "Det tror jeg godt. Ellers ringer jeg."});
        s.fact("date", date_value(due), v["cv_frist"], "frist for CV på Jobnet");
        s.agreed.push_back("dit CV er opdateret på Jobnet senest " + v["cv_frist"]);
        s.note(kAftaler, "Borger opdaterer CV på Jobnet senest " + note_date(due) + ".");
      },
      [&] {
        s.say(SB, {"Og du ved, at alle de stillinger, du søger, skal skrives ind i din joblog?", "Kender du joblog på Jobnet?"});
        s.say(B, {"Ja, det har a-kassen også sagt.", "Ja, jeg har prøvet det.", "Nej, hvad er det?"});
        s.say(SB, {"Det er der, du skriver, hvad du har søgt, og hvornår. Det er det, vi kigger på sammen til næste samtale.",
                   "Det er en liste på Jobnet over de stillinger, du har søgt. Husk at skrive både firma og stilling, så kan vi tage udgangspunkt i den næste gang."});
        s.fact("obligation", "registrering i joblog", "joblog", "joblog");
        s.note(kAftaler, "Borger registrerer søgte stillinger i joblog på Jobnet.");
      },
      [&] {
        s.say(SB, {"Har du tænkt over at få en referenceperson på dit CV?", "Har du nogen, der kan give dig en anbefaling?"});
        v["reference"] = person_name(s, s.chance(0.5));
        s.say(B, {"Ja, min gamle chef, {reference}, har sagt, at jeg gerne må bruge ham eller hende.", "Jeg kunne spørge {reference}, som var min formand."});
        s.say(SB, {"Rigtig godt. Skriv det på, men spørg {reference} først.", "Det er en god idé."});
        s.note(kSituation, "Har reference fra tidligere arbejdsplads.");
      },
  };
  some(s, meeting(s, "CV-samtale") ? 3 : 2, 4, steps);
  if (!has_cv && std::none_of(s.agreed.begin(), s.agreed.end(), [](const std::string& a) { return a.find("CV") != std::string::npos; })) {
    s.say(SB, {"Så aftaler vi, at dit CV ligger på Jobnet senest {cv_frist}.", "Så skal dit CV være oppe senest {cv_frist}."});
    s.fact("date", date_value(due), v["cv_frist"], "frist for CV på Jobnet");
    s.agreed.push_back("dit CV ligger på Jobnet senest " + v["cv_frist"]);
    s.note(kAftaler, "Borger lægger CV på Jobnet senest " + note_date(due) + ".");
  }
}

void obligations(Scene& s) {
  auto& v = s.vars;
  const auto g = s.p.group;
  if (g == Group::Dagpenge || g == Group::Jobparate || (g == Group::Integration && s.chance(0.5))) {
    const int per_week = g == Group::Integration ? 1 + static_cast<int>(s.rng.index(2)) : 2 + static_cast<int>(s.rng.index(3));
    v["pr_uge"] = spoken_count(s.rng, per_week) + (per_week == 1 ? " stilling om ugen" : s.one({" stillinger om ugen", " ansøgninger om ugen", " job om ugen"}));
    s.say(SB, {"Så det, vi aftaler, er, at du søger mindst {pr_uge}, og at du skriver dem ind i din joblog. Kan du det?",
               "Jeg vil gerne have, at du søger mindst {pr_uge}. Er det realistisk for dig?",
               "Kravet fra os er, at du søger mindst {pr_uge}, og det skal kunne ses i joblog."});
    s.say(B, {"Ja, det kan jeg godt.", "Ja, det burde kunne lade sig gøre.", "Okay. Det bliver svært nogle uger, men jeg prøver.",
              "Ja, det gør jeg allerede."});
    s.fact("number", std::to_string(per_week), v["pr_uge"], "ansøgninger pr. uge");
    s.fact("obligation", "mindst " + std::to_string(per_week) + " ansøgninger pr. uge", v["pr_uge"], "jobsøgningskrav");
    s.agreed.push_back("du søger mindst " + v["pr_uge"]);
    s.note(kAftaler, "Borger søger mindst " + std::to_string(per_week) + (per_week == 1 ? " stilling" : " stillinger") +
                         " om ugen og registrerer dem i joblog.");
    std::vector<Step> steps = {
        [&] {
          s.say(SB, {"Du skal også stå til rådighed for arbejdsmarkedet. Det betyder, at du skal kunne tage et job med kort "
                     "varsel, og at du skal møde op til samtaler og tilbud.",
                     "Jeg skal også sige det formelle: Du skal være til rådighed, og du skal kunne starte i et job med dags varsel."});
          s.say(B, {"Hvad hvis jeg er syg den dag?", "Ja, det ved jeg godt.", "Hvad sker der, hvis jeg ikke kan komme til en samtale?"});
          s.say(SB, {"Så skal du melde afbud hurtigst muligt og senest samme dag, og er du syg, skal du sygemelde dig.",
                     "Så ringer du eller skriver til mig, inden samtalen. Det vigtigste er, at du giver besked."});
          s.note(kAftaler, "Borger er vejledt om rådighed samt om at melde afbud og sygdom.");
        },
        [&] {
          s.say(SB, {"Din plan ligger under Min Plan på Jobnet, og indkaldelser kommer i din e-Boks.",
                     "Du kan altid se dine aftaler på Jobnet, og breve fra os kommer i e-Boks.",
                     "Alt, hvad vi aftaler i dag, kan du finde på Jobnet, og husk at holde øje med e-Boks.",
                     "Indkaldelser sender vi i e-Boks, så det er vigtigt, at du åbner den et par gange om ugen."});
          s.say(B, {"Okay, det kigger jeg på.", "Ja. Jeg tjekker e-Boks hver dag.", "Jeg har lidt svært ved e-Boks, men min datter hjælper mig."});
        },
        [&] {
          if (g == Group::Jobparate)
            s.say(SB, {"Og du skal vide, at hvis du udebliver fra en samtale eller et tilbud uden en rimelig grund, så kan det "
                       "give fradrag i din kontanthjælp.",
                       "Der er en sanktion, hvis man ikke møder op. Det er ikke for at true dig, men så du ved det."});
          else
            s.say(SB, {"Hvis du ikke lever op til kravene, kan a-kassen vurdere din rådighed, og det kan betyde, at du mister dagpengene i en periode.",
                       "Det er a-kassen, der vurderer rådigheden, så det er vigtigt, at joblog er opdateret."});
          s.say(B, {"Ja, det forstår jeg.", "Okay.", "Det skal nok gå."});
          s.note(kAftaler, "Orienteret om konsekvenser ved manglende rådighed.");
        },
    };
    some(s, 2, 3, steps);
    return;
  }
  if (g == Group::Sygemeldte) {
    s.say(SB, {"Jeg skal også fortælle, at du har pligt til at medvirke til opfølgningen, og at du skal give besked, hvis dit "
               "helbred ændrer sig, eller hvis du bliver raskmeldt.",
               "Det formelle er, at du skal deltage i samtalerne og give besked, hvis noget ændrer sig, for eksempel hvis du "
               "kan starte mere op."});
    s.say(B, {"Ja, det gør jeg.", "Okay, det er fint.", "Skal jeg ringe, eller kan jeg skrive?"});
    s.note(kAftaler, "Borger er vejledt om pligt til at medvirke i opfølgningen og give besked ved ændringer.");
    return;
  }
  if (g == Group::Uddannelsesparate) {
    s.say(SB, {"Du skal møde op til de aktiviteter, der står i din plan, og du skal give besked, hvis du er syg.",
               "Husk, at det er vigtigt at møde stabilt, også når det er svært. Det er det, skolerne kigger på."});
    s.say(B, {"Ja ja.", "Ja, det skal jeg nok.", "Det ved jeg godt."});
    s.note(kAftaler, "Borger møder stabilt til aftalte aktiviteter og melder fravær.");
    return;
  }
  if (g == Group::Integration) {
    s.say(SB, {"Du skal deltage i danskundervisningen og i de tilbud, der står i din plan. Hvis du ikke møder op, kan det "
               "få betydning for din ydelse.",
               "Det er vigtigt, at du kommer til dansk og til praktikken hver gang. Ellers kan vi blive nødt til at trække i din ydelse."});
    s.say(B, {"Ja, jeg forstår.", "Ja, jeg kommer altid.", "Okay. Men hvad hvis mit barn er sygt?"});
    s.note(kAftaler, "Borger er vejledt om pligt til at deltage i danskuddannelse og tilbud.");
    return;
  }
  s.say(SB, {"Du skal møde op til de aftaler, vi laver, og hvis du ikke kan, så ring eller skriv til mig.",
             "Det vigtigste for mig er, at du siger til, hvis du ikke kan komme. Så finder vi ud af det."});
  s.say(B, {"Ja, det skal jeg nok.", "Okay.", "Ja, det gør jeg."});
  s.note(kAftaler, "Borger giver besked ved afbud.");
}

// ---- interventions ---------------------------------------------------------------------------------------

void offer_course(Scene& s) {
  auto& v = s.vars;
  const bool search_course = s.chance(0.5);
  const Date start = date_ahead(s, 7, 35);
  const Clock c = pick_time(s, 8, 10);
  v["kursus"] = search_course ? pick_alt(s.rng, "kursus i jobsøgning|kursus i CV og ansøgning|jobsøgningsforløb|kursus i at bruge LinkedIn")
                              : pick_alt(s.rng, s.p.sector->courses);
  const int days = search_course ? static_cast<int>(s.rng.uniform_int(2, 5)) : static_cast<int>(s.rng.uniform_int(1, 6));
  v["kursus_varighed"] = search_course ? spoken_count(s.rng, days) + " dage" : spoken_count(s.rng, days) + (days == 1 ? " uge" : " uger");
  v["kursus_start"] = spoken_date(s.rng, start);
  v["kursus_tid"] = spoken_time(s.rng, c.h, c.m);
  v["kursus_sted"] = search_course ? "her i jobcentret" : "på " + pick_alt(s.rng, "AMU-centret|erhvervsskolen|uddannelsescentret|kursuscentret") + " i " + v["nabo1"];
  s.say(SB, {"Og så vil jeg foreslå, at du kommer på et {kursus}. Det varer {kursus_varighed}, og det starter {kursus_start} {kursus_sted}.",
             "Jeg har et tilbud, jeg tænker kunne passe til dig: et {kursus} {kursus_sted}. Det er {kursus_varighed}, og der er start {kursus_start}.",
             "Hvad siger du til et {kursus}? Det starter {kursus_start}, og det varer {kursus_varighed}."});
  s.say(B, {"Det vil jeg gerne. Hvad tid er det?", "Det lyder godt. Hvornår starter man om morgenen?", "Ja, gerne. Hvad tid skal jeg være der?"});
  s.say(SB, {"Det starter {kursus_tid}. Du får en indkaldelse i din e-Boks.", "Det er fra {kursus_tid}, og du får alle detaljer i e-Boks.",
             "Første dag skal du være der {kursus_tid}."});
  if (!search_course && s.chance(0.5)) {
    const int price = static_cast<int>(s.rng.uniform_int(12, 95)) * 250;
    v["pris"] = spoken_amount(s.rng, price);
    s.say(B, {"Hvad koster det? Skal jeg selv betale?", "Er det gratis?"});
    s.say(SB, {"Nej, det koster omkring {pris}, men det er noget, vi betaler, hvis det bliver bevilget.",
               "Prisen er {pris}, og den dækker vi. Du skal bare møde op."});
    s.fact("amount", std::to_string(price), v["pris"], "kursuspris");
  }
  s.fact("intervention", v["kursus"], v["kursus"], "kursus");
  s.fact("date", date_value(start), v["kursus_start"], "kursusstart");
  s.fact("time", time_value(c.h, c.m), v["kursus_tid"], "kursusstart, klokkeslæt");
  s.fact("duration", std::to_string(days) + (search_course ? " dage" : " uger"), v["kursus_varighed"], "kursets varighed");
  s.agreed.push_back("du starter på " + v["kursus"] + " " + v["kursus_start"]);
  s.note(kAftaler, "Borger deltager i " + v["kursus"] + " (" + std::to_string(days) + (search_course ? " dage" : (days == 1 ? " uge" : " uger")) +
                       ") fra " + note_date(start) + " " + note_time(c.h, c.m) + ". Indkaldelse sendes til e-Boks.");
}

void offer_praktik(Scene& s) {
  auto& v = s.vars;
  const Sector* sector = s.p.sector;
  v["praktiksted"] = new_firm(s, *sector);
  v["kontakt"] = person_name(s, s.chance(0.5));
  const int weeks = static_cast<int>(s.rng.uniform_int(2, 8)) + (s.p.group == Group::Integration ? 4 : 0);
  const int hours = s.p.group == Group::Dagpenge || s.p.group == Group::Jobparate ? 37 : static_cast<int>(s.rng.uniform_int(3, 8)) * 3;
  const Date start = date_ahead(s, 5, 25);
  const Clock c = pick_time(s, 7, 9);
  v["praktik_uger"] = spoken_count(s.rng, weeks) + " uger";
  v["praktik_timer"] = spoken_count(s.rng, hours) + " timer om ugen";
  v["praktik_start"] = spoken_date(s.rng, start);
  v["praktik_tid"] = spoken_time(s.rng, c.h, c.m);
  v["praktik_job"] = s.p.goal_job;
  s.say(SB, {"Jeg har snakket med {praktiksted} i {nabo1}. De vil gerne have en i virksomhedspraktik som {praktik_job}.",
             "Der er en virksomhed, {praktiksted}, som tager folk i virksomhedspraktik. Jeg tænker, det kunne være noget for dig.",
             "Hvad siger du til en virksomhedspraktik? Jeg har en aftale med {praktiksted}, som mangler en {praktik_job}."});
  s.say(B, {"Hvad er det for noget, en praktik?", "Det lyder spændende. Hvor længe er det?", "Okay. Får jeg løn?"});
  s.say(SB, {"Det er {praktik_uger} med {praktik_timer}, hvor du arbejder med på lige fod med de andre, men du får din ydelse "
             "som nu. Det er en måde at vise, hvad du kan.",
             "Du er i praktik i {praktik_uger}, {praktik_timer}. Du får ikke løn, men du beholder din ydelse, og du får noget "
             "erfaring og en reference.",
             "Det er en periode på {praktik_uger}. Du skal være der {praktik_timer}, og du beholder din ydelse."});
  s.say(SB, {"Du kan starte {praktik_start}. Du skal møde {praktik_tid}, og du skal spørge efter {kontakt}.",
             "Start er {praktik_start} {praktik_tid}, og din kontaktperson derude hedder {kontakt}."});
  s.say(B, {"Okay. Det vil jeg gerne prøve.", "Ja, det lyder godt. Skal jeg have noget med?", "Fint. Jeg er lidt nervøs, men det er fint."});
  if (s.chance(0.5)) s.say(SB, {"Bare praktisk tøj og sikkerhedssko, hvis du har. Ellers finder de noget til dig.", "Bare dig selv og en madpakke."});
  s.fact("intervention", "virksomhedspraktik", "virksomhedspraktik", "tilbud");
  s.fact("organisation", v["praktiksted"], v["praktiksted"], "praktiksted");
  s.fact("duration", std::to_string(weeks) + " uger", v["praktik_uger"], "praktikperiode");
  s.fact("number", std::to_string(hours), v["praktik_timer"], "timer pr. uge i praktik");
  s.fact("date", date_value(start), v["praktik_start"], "praktikstart");
  s.fact("time", time_value(c.h, c.m), v["praktik_tid"], "mødetid første praktikdag");
  s.fact("name", v["kontakt"], v["kontakt"], "kontaktperson i praktik");
  s.agreed.push_back("du starter i praktik hos " + v["praktiksted"] + " " + v["praktik_start"]);
  s.note(kAftaler, "Virksomhedspraktik som " + s.p.goal_job + " hos " + v["praktiksted"] + " i " + std::to_string(weeks) +
                       " uger, " + std::to_string(hours) + " timer om ugen, fra " + note_date(start) + " " + note_time(c.h, c.m) +
                       ". Kontaktperson: " + v["kontakt"] + ".");
}

void offer_mentor(Scene& s) {
  auto& v = s.vars;
  const bool female = s.chance(0.6);
  v["mentor"] = person_name(s, female);
  v["Mpron"] = female ? "Hun" : "Han";
  v["mpron"] = female ? "hun" : "han";
  const int hours = static_cast<int>(s.rng.uniform_int(1, 4));
  v["mentor_timer"] = spoken_count(s.rng, hours) + (hours == 1 ? " time om ugen" : " timer om ugen");
  if (s.p.first_meeting || s.chance(0.5)) {
    s.say(SB, {"Jeg vil gerne bevilge dig en mentor. {Mpron} hedder {mentor}, og {mpron} kan hjælpe dig med at komme ud ad døren og i gang med tingene.",
               "Jeg tænker, at en mentor kunne hjælpe dig. Vi har en, der hedder {mentor}, som er rigtig god til at få tingene til at hænge sammen i hverdagen."});
    s.say(B, {"Hvad skal en mentor lave?", "Hvor tit skal jeg se mentoren?", "Det lyder godt, tror jeg."});
    s.say(SB, {"I starter med {mentor_timer}. I kan gå ture, tage med til lægen eller øve jer i at tage bussen. Det er jer, der aftaler det.",
               "Det er {mentor_timer}, og {mpron} kan også tage med til møder her, hvis du vil."});
    s.fact("intervention", "mentor", "mentor", "tilbud");
    s.fact("name", v["mentor"], v["mentor"], "mentor");
    s.fact("number", std::to_string(hours), v["mentor_timer"], "mentortimer pr. uge");
    s.agreed.push_back("du får {mentor} som mentor " + v["mentor_timer"]);
    s.note(kAftaler, "Der bevilges mentorstøtte ved " + v["mentor"] + ", " + std::to_string(hours) + (hours == 1 ? " time" : " timer") + " om ugen.");
  } else {
    s.say(SB, {"Hvordan går det med {mentor}, din mentor?", "{mentor} har skrevet til mig, at I har set hinanden nogle gange. Hvordan går det?"});
    s.say(B, {"Det går godt. Vi har været ude at gå, og {mpron} har hjulpet mig med at ringe til lægen.",
              "Det er fint. Nogle gange har jeg aflyst, fordi jeg ikke havde det godt.",
              "{Mpron} er sød. Vi har fået styr på mine papirer sammen."});
    s.say(SB, {"Så fortsætter vi med {mentor_timer}.", "Godt. Så forlænger jeg mentorstøtten med {mentor_timer}."});
    s.fact("name", v["mentor"], v["mentor"], "mentor");
    s.fact("number", std::to_string(hours), v["mentor_timer"], "mentortimer pr. uge");
    s.note(kSituation, "Borger har mentor (" + v["mentor"] + ") og oplever støtten som en hjælp.");
    s.note(kAftaler, "Mentorstøtte ved " + v["mentor"] + " fortsætter med " + std::to_string(hours) + (hours == 1 ? " time" : " timer") + " om ugen.");
  }
}

void offer_arbejdsproevning(Scene& s) {
  auto& v = s.vars;
  v["prove_sted"] = new_firm(s, *s.p.sector);
  const int hours = static_cast<int>(s.rng.uniform_int(2, 4)) * 3;
  const int weeks = static_cast<int>(s.rng.uniform_int(4, 12));
  const Date start = date_ahead(s, 7, 28);
  v["prove_timer"] = spoken_count(s.rng, hours) + " timer om ugen";
  v["prove_uger"] = spoken_count(s.rng, weeks) + " uger";
  v["prove_start"] = spoken_date(s.rng, start);
  s.say(SB, {"Jeg har fundet et sted, hvor du kan lave en arbejdsprøvning. Det er hos {prove_sted}, og du starter på {prove_timer}.",
             "Vi har talt om en arbejdsprøvning. {prove_sted} vil gerne have dig {prove_timer} i {prove_uger}."});
  s.say(B, {"Hvad hvis jeg ikke kan holde til det?", "Hvad skal jeg lave der?", "Det er meget for mig. Men jeg vil gerne prøve."});
  s.say(SB, {"Så stopper vi op og justerer. Det er netop det, vi skal finde ud af, og du skal ikke presse dig selv.",
             "Det er lette opgaver til at starte med, og vi følger op hver anden uge. Vi skruer op eller ned, alt efter hvordan det går."});
  s.say(SB, {"Forløbet varer {prove_uger}, og det starter {prove_start}.", "Første dag bliver {prove_start}, og vi kører det i {prove_uger}."});
  s.say(B, {"Okay.", "Ja, lad os prøve det.", "Det lyder fornuftigt."});
  s.fact("intervention", "arbejdsprøvning", "arbejdsprøvning", "tilbud");
  s.fact("organisation", v["prove_sted"], v["prove_sted"], "sted for arbejdsprøvning");
  s.fact("number", std::to_string(hours), v["prove_timer"], "timer pr. uge i arbejdsprøvning");
  s.fact("date", date_value(start), v["prove_start"], "start arbejdsprøvning");
  s.agreed.push_back("du starter på arbejdsprøvning hos " + v["prove_sted"] + " " + v["prove_start"]);
  s.note(kAftaler, "Arbejdsprøvning hos " + v["prove_sted"] + ", " + std::to_string(hours) + " timer om ugen i " +
                       std::to_string(weeks) + " uger fra " + note_date(start) + ". Opfølgning hver anden uge.");
}

void offer_health_support(Scene& s) {
  auto& v = s.vars;
  const bool mental = s.p.health && s.p.health->mental;
  v["sundhed"] = mental ? pick_alt(s.rng, "et forløb hos en psykolog|et stresshåndteringsforløb|et forløb i mindfulness-baseret stressreduktion")
                        : pick_alt(s.rng, "et træningsforløb hos en fysioterapeut|et smertehåndteringsforløb|et forløb på kommunens træningscenter");
  const int sessions = static_cast<int>(s.rng.uniform_int(6, 12));
  v["sessioner"] = spoken_count(s.rng, sessions) + " gange";
  s.say(SB, {"Jeg vil gerne tilbyde dig {sundhed}. Det er {sessioner}, og det betaler vi.",
             "Der er mulighed for {sundhed}, som kan hjælpe dig med at få det bedre. Det er {sessioner} i alt."});
  s.say(B, {"Det vil jeg gerne.", "Hvornår starter det?", "Jeg har prøvet noget lignende før, men ja, jeg vil gerne."});
  s.fact("intervention", v["sundhed"], v["sundhed"], "sundhedsfagligt tilbud");
  s.fact("number", std::to_string(sessions), v["sessioner"], "antal sessioner");
  s.agreed.push_back("du får " + v["sundhed"]);
  s.note(kAftaler, "Borger tilbydes " + v["sundhed"] + " (" + std::to_string(sessions) + " sessioner).");
}

void offer_jobafklaring(Scene& s) {
  s.say(SB, {"Hvis du ikke er klar til at vende tilbage, når sygedagpengene ophører, kan du komme i et jobafklaringsforløb. "
             "Det er noget, vi vil forberede, så der ikke bliver et hul.",
             "Vi skal også tale om, hvad der sker, hvis sygemeldingen trækker ud. Så vil vi indstille dig til et "
             "jobafklaringsforløb, og det skal behandles i rehabiliteringsteamet."});
  s.say(B, {"Hvad er det, et rehabiliteringsteam?", "Okay. Får jeg så stadig penge?", "Det har min læge også nævnt."});
  s.say(SB, {"Det er et team med folk fra både sundhed, social og beskæftigelse, som ser på din sag og kommer med en anbefaling.",
             "Ja, så får du ressourceforløbsydelse i stedet. Det er lidt mindre, men du kommer ikke til at stå uden noget."});
  s.fact("intervention", "jobafklaringsforløb", "jobafklaringsforløb", "mulig indsats");
  s.note(kAftaler, "Borger er orienteret om jobafklaringsforløb ved ophør af sygedagpenge.");
}

void offer_fgu(Scene& s) {
  auto& v = s.vars;
  const Date start = date_ahead(s, 7, 40);
  v["fgu_start"] = spoken_date(s.rng, start);
  v["fgu_spor"] = pick_alt(s.rng, "almen grunduddannelse|produktionsgrunduddannelse|erhvervsgrunduddannelse");
  s.say(SB, {"Jeg tænker, at FGU kunne være noget for dig. Det er Forberedende Grunduddannelse, hvor du kan tage dansk og "
             "matematik og samtidig prøve noget praktisk.",
             "Har du hørt om FGU? Det er en skole for unge, hvor man kan blive klar til en uddannelse. Der er et spor, der hedder {fgu_spor}."});
  s.say(B, {"Er det ligesom folkeskole?", "Hvor ligger den?", "Det har jeg hørt om. En af mine venner går der."});
  s.say(SB, {"Nej, det er mere praktisk, og man er der sammen med andre unge. Der er opstart {fgu_start}.",
             "Den ligger i {by}, og der er optag {fgu_start}. Man får skoleydelse, mens man går der."});
  s.say(B, {"Okay, det vil jeg gerne se på.", "Kan jeg komme ud og se den først?", "Ja, det lyder fint."});
  if (s.chance(0.6)) s.say(SB, {"Ja, jeg laver en aftale om et besøg, så du kan se stedet.", "Jeg kan tage med dig derud, hvis du vil."});
  s.fact("intervention", "FGU (" + v["fgu_spor"] + ")", "FGU", "tilbud");
  s.fact("date", date_value(start), v["fgu_start"], "opstart FGU");
  s.agreed.push_back("du starter på FGU " + v["fgu_start"]);
  s.note(kAftaler, "Borger starter på FGU fra " + note_date(start) + ". Sagsbehandler arrangerer besøg forinden.");
}

void offer_loentilskud(Scene& s) {
  auto& v = s.vars;
  v["lt_sted"] = new_firm(s, *s.p.sector);
  const int months = static_cast<int>(s.rng.uniform_int(3, 6));
  v["lt_mdr"] = spoken_count(s.rng, months) + " måneder";
  s.say(SB, {"Der er også mulighed for et job med løntilskud. {lt_sted} leder efter en {maal}, og det kunne være i {lt_mdr}.",
             "Hvad med løntilskud? Det er et rigtigt job med løn, hvor arbejdsgiveren får et tilskud. Jeg kender en hos {lt_sted}, der er interesseret."});
  s.say(B, {"Får jeg så almindelig løn?", "Hvor lang tid er det?", "Det lyder faktisk godt."});
  s.say(SB, {"Ja, du får løn efter overenskomsten, og det varer {lt_mdr}. Så kan det blive til en fast stilling.",
             "Det er {lt_mdr} til at starte med, og du får løn. Mange bliver ansat bagefter."});
  s.say(B, {"Så vil jeg gerne søge det.", "Ja, send mig oplysningerne.", "Okay."});
  s.fact("intervention", "løntilskud", "løntilskud", "tilbud");
  s.fact("organisation", v["lt_sted"], v["lt_sted"], "løntilskudssted");
  s.fact("duration", std::to_string(months) + " måneder", v["lt_mdr"], "varighed af løntilskud");
  s.agreed.push_back("du søger løntilskudsjobbet hos " + v["lt_sted"]);
  s.note(kAftaler, "Borger søger stilling med løntilskud hos " + v["lt_sted"] + " (" + std::to_string(months) + " måneder).");
}

void offer_jobmesse(Scene& s) {
  auto& v = s.vars;
  const Date d = date_ahead(s, 4, 30);
  const Clock c = pick_time(s, 9, 14);
  v["messe_dato"] = spoken_date(s.rng, d);
  v["messe_tid"] = spoken_time(s.rng, c.h, c.m);
  v["messe_antal"] = spoken_count(s.rng, static_cast<int>(s.rng.uniform_int(2, 8)) * 10);
  s.say(SB, {"Der er jobmesse i {by} {messe_dato}. Der kommer over {messe_antal} virksomheder. Det synes jeg, du skal tage med til.",
             "Har du hørt om jobmessen? Den er {messe_dato} fra {messe_tid} i hallen. Der kommer {messe_antal} virksomheder."});
  s.say(B, {"Ja, det vil jeg gerne.", "Skal jeg have mit CV med?", "Det har jeg aldrig prøvet."});
  s.say(SB, {"Ja, tag gerne nogle udskrevne CV'er med. Det starter {messe_tid}.", "Tag et par CV'er med. Dørene åbner {messe_tid}."});
  s.fact("date", date_value(d), v["messe_dato"], "jobmesse");
  s.fact("time", time_value(c.h, c.m), v["messe_tid"], "jobmesse, klokkeslæt");
  s.agreed.push_back("du tager med til jobmessen " + v["messe_dato"]);
  s.note(kAftaler, "Borger deltager i jobmesse i " + v["by"] + " " + note_date(d) + " " + note_time(c.h, c.m) + ".");
}

void offer_igu(Scene& s) {
  s.say(SB, {"Der er også noget, der hedder IGU, integrationsgrunduddannelse. Det er to år, hvor du arbejder og får løn, og "
             "samtidig går i skole nogle uger.",
             "Har du hørt om IGU? Det er en ordning for flygtninge, hvor man kombinerer job med løn og uddannelse."});
  s.say(B, {"Ja, det har jeg hørt om. Min ven har det.", "Hvad er lønnen?", "Det vil jeg gerne høre mere om."});
  s.say(SB, {"Du får elevløn, og du får en uddannelsesbonus, når du er færdig. Jeg sender dig en beskrivelse.",
             "Lønnen er som en elevløn, og du får en bonus, når du har gennemført. Vi kan se på, om der er en arbejdsgiver, der vil."});
  s.fact("intervention", "IGU", "IGU", "mulig indsats");
  s.agreed.push_back("jeg undersøger mulighederne for IGU");
  s.note(kAftaler, "Sagsbehandler undersøger mulighed for IGU-forløb.");
}

void interventions(Scene& s) {
  const auto g = s.p.group;
  const auto& m = s.p.meeting_type;
  std::vector<std::function<void(Scene&)>> pool;
  int lo = 1, hi = 2;
  switch (g) {
    case Group::Dagpenge:
      pool = {offer_course, offer_praktik, offer_jobmesse, offer_loentilskud};
      break;
    case Group::Jobparate:
      pool = {offer_course, offer_praktik, offer_jobmesse, offer_loentilskud};
      break;
    case Group::Aktivitetsparate:
      pool = {offer_mentor, offer_health_support, offer_praktik};
      break;
    case Group::Sygemeldte:
      pool = {offer_health_support, offer_jobafklaring};
      lo = 1;
      hi = 1;
      break;
    case Group::Uddannelsesparate:
      pool = {offer_fgu, offer_mentor, offer_praktik};
      break;
    case Group::Ressourceforloeb:
      pool = {offer_mentor, offer_health_support, offer_arbejdsproevning};
      break;
    case Group::Integration:
      pool = {offer_praktik, offer_igu, offer_course};
      break;
  }
  // A meeting named after an intervention must contain it; the rest are optional.
  if (m == "samtale om arbejdsprøvning") {
    offer_arbejdsproevning(s);
    hi = 1, lo = 0;
  } else if (m == "samtale om virksomhedspraktik") {
    offer_praktik(s);
    hi = 1, lo = 0;
    pool = {offer_igu, offer_course};
  }
  std::vector<Step> steps;
  for (auto& f : pool) steps.push_back([&s, f] { f(s); });
  some(s, lo, hi, steps);
  if (s.notes[kAftaler].empty()) {
    s.say(SB, {"Jeg synes, vi skal lade planen være, som den er, indtil næste gang.", "Vi fortsætter det, vi er i gang med."});
    s.note(kAftaler, "Planen fortsætter uændret.");
  }
}

void barriers(Scene& s) {
  auto& v = s.vars;
  s.say(SB, {"Er der noget, der kan gøre det svært for dig at tage et job lige nu? Helbred, børnepasning, transport?",
             "Er der noget, vi skal tage hensyn til, når vi planlægger?", "Er der andet, der fylder for dig lige nu?"});
  const bool health_based = s.p.health != nullptr;
  int pick = static_cast<int>(s.rng.index(5));
  if (s.p.children == 0 && pick == 0) pick = 1;
  if (s.p.has_car && pick == 1) pick = 3;
  if (!s.p.second_language && pick == 2) pick = 4;
  switch (pick) {
    case 0:
      s.say(B, {"Min yngste går i vuggestue, og den lukker klokken fire, så jeg kan ikke arbejde sent.",
                "Det er børnene. Jeg er alene med dem, så jeg skal have et job, hvor jeg kan hente.",
                "Børnepasningen er svær, fordi min mand arbejder på skiftehold."});
      s.say(SB, {"Det forstår jeg. Så skriver jeg, at du søger job i dagtimerne.", "Det tager vi højde for. Der er job med dagarbejdstid også."});
      s.note(kSituation, "Børnepasning begrænser arbejdstiden til dagtimer.");
      break;
    case 1:
      s.say(B, {"Jeg har ikke bil, og bussen kører kun en gang i timen fra {hjemby}.", "Transport. Uden bil er det svært at komme rundt herude."});
      s.say(SB, {"Det noterer jeg. Så må vi kigge efter job, hvor der er god offentlig transport.",
                 "Okay. Der findes også samkørsel på nogle arbejdspladser. Det kan vi spørge om."});
      s.note(kSituation, "Transport er en barriere; borger er afhængig af offentlig transport.");
      break;
    case 2:
      s.say(B, {"Mit dansk er ikke så godt endnu, især når jeg skal skrive ansøgninger.", "Sproget. Jeg forstår meget, men det er svært at skrive."});
      s.say(SB, {"Det kan vi hjælpe med. Du kan få hjælp til ansøgninger i vores jobcafé om tirsdagen.",
                 "Det er forståeligt. Vi kan kigge på ansøgningerne sammen, og så er praktik en god måde at lære mere dansk."});
      s.note(kSituation, "Oplever sproglige udfordringer, særligt skriftligt.");
      break;
    case 3:
      if (health_based) {
        s.say(B, {"Det er mest helbredet, som vi har snakket om.", "Det er helbredet. Det er det, der bestemmer det hele lige nu."});
        s.say(SB, {"Ja, det tager vi hensyn til hele vejen.", "Det forstår jeg godt. Vi går ikke hurtigere frem, end du kan holde til."});
      } else {
        s.say(B, {"Jeg har lidt ondt i ryggen engang imellem, men det er ikke noget, jeg går til lægen med.",
                  "Nej, ikke rigtig. Jeg er sund og rask."});
        s.say(SB, {"Så noterer jeg, at der ikke er helbredsmæssige begrænsninger, som du oplever dem.",
                   "Godt. Så skriver jeg, at du ikke har nogen helbredsmæssige begrænsninger."});
        s.fact("health", "ingen begrænsninger", "helbredsmæssige begrænsninger", "helbred");
        s.note(kSituation, "Oplyser ingen helbredsmæssige begrænsninger i forhold til arbejde.");
      }
      break;
    default:
      s.say(B, {"Nej, det tror jeg ikke.", "Nej, ikke noget særligt.", "Nej, jeg er klar."});
      if (s.chance(0.5)) s.say(SB, {"Godt. Du siger bare til, hvis noget ændrer sig.", "Fint."});
      s.note(kSituation, health_based ? "Ud over helbredet oplyser borger ingen yderligere barrierer." : "Oplyser ingen barrierer for at tage arbejde.");
  }
  (void)v;
}

void summary(Scene& s) {
  if (s.agreed.empty()) return;
  std::string list;
  const std::size_t n = std::min<std::size_t>(s.agreed.size(), 4);
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) list += i + 1 == n ? " og " : ", ";
    list += s.fill(s.agreed[i]);
  }
  s.vars["opsummering"] = list;
  s.say(SB, {"Så lad mig lige opsummere: {opsummering}. Er det rigtigt forstået?", "Så det, vi har aftalt i dag, er, at {opsummering}.",
             "Lad mig lige samle op. Vi har aftalt, at {opsummering}. Er du enig i det?"});
  s.say(B, {"Ja, det er det.", "Ja, det er rigtigt.", "Ja. Og så skal jeg huske at tjekke e-Boks.", "Ja, det lyder rigtigt."});
}

void next_meeting(Scene& s) {
  auto& v = s.vars;
  const auto g = s.p.group;
  const int lo = g == Group::Aktivitetsparate || g == Group::Ressourceforloeb ? 21 : 14;
  const int hi = g == Group::Dagpenge || g == Group::Jobparate ? 56 : 42;
  Date d = date_ahead(s, lo, hi);
  Clock c = pick_time(s, 8, 14);
  v["naeste"] = spoken_date(s.rng, d) + " " + spoken_time(s.rng, c.h, c.m);
  std::string mode = s.rng.bernoulli(0.6) ? "fysisk" : (s.p.interpreter ? "video" : "telefonisk");
  s.say(SB, {"Vores næste samtale bliver {naeste}. Passer det?", "Jeg vil foreslå, at vi ses igen {naeste}.",
             "Skal vi sige {naeste} til næste samtale?", "Næste gang vi ses, bliver {naeste}. Kan du det?"});
  if (s.chance(0.2)) {
    s.say(B, {"Øh, den dag kan jeg ikke, der skal jeg til tandlæge.", "Den dag har jeg en lægetid, desværre.",
              "Det passer ikke så godt, jeg skal hente min søn tidligt den dag."});
    d = date_ahead(s, lo + 2, hi + 3);
    c = pick_time(s, 9, 13);
    v["naeste"] = spoken_date(s.rng, d) + " " + spoken_time(s.rng, c.h, c.m);
    s.say(SB, {"Hvad så med {naeste}?", "Så flytter vi den. Kan du {naeste}?"});
  }
  s.say(B, {"Ja, det passer fint.", "Ja, det kan jeg godt.", "Det er fint.", "Ja, det skriver jeg ind i kalenderen."});
  s.fact("next_meeting", date_value(d) + " " + time_value(c.h, c.m), v["naeste"], "næste samtale");
  if (mode != "fysisk" && s.chance(0.7)) {
    v["form"] = mode == "video" ? "som video" : "telefonisk";
    s.say(SB, {"Den kan godt være {form}, hvis du foretrækker det.", "Vi kan sagtens tage den {form}."});
    s.say(B, {"Ja, det er fint.", "Det er lettere for mig, ja.", "Jeg kommer hellere herind, hvis det er okay."});
  } else {
    mode = "fysisk";
  }
  std::string next = "Næste samtale " + note_date(d) + " " + note_time(c.h, c.m) +
                     (mode == "fysisk" ? " i jobcentret." : mode == "video" ? " som videosamtale." : ", telefonisk.");
  s.note(kNaeste, next);
  s.note(kNaeste, s.one({"Indkaldelse sendes til e-Boks.", "Borger indkaldes via e-Boks.", "Aftalen fremgår af Min Plan på Jobnet."}));
  if (s.p.interpreter) s.note(kNaeste, "Tolk (" + v["sprog"] + ") bestilles til næste samtale.");
}

void closing(Scene& s) {
  s.say(SB, {"Har du nogen spørgsmål, inden vi slutter?", "Er der mere, du vil spørge om?", "Var der andet, du gerne ville have sagt?",
             "Inden vi runder af, er der så noget, du undrer dig over?", "Har du fået svar på det, du gerne ville?",
             "Er der noget, vi ikke har nået at snakke om?"});
  if (s.chance(0.35)) {
    s.say(B, {"Hvem skal jeg kontakte, hvis jeg bliver syg?", "Hvordan kontakter jeg dig, hvis der er noget?",
              "Kan jeg skrive til dig, hvis jeg får spørgsmål?"});
    s.say(SB, {"Du kan skrive til mig via Jobnet, eller ringe på jobcentrets nummer og spørge efter mig.",
               "Skriv til mig i beskedfunktionen på Jobnet. Jeg svarer inden for et par dage.",
               "Du kan ringe til mig om formiddagen. Mit direkte nummer står i brevet, du fik i e-Boks.",
               "Det bedste er at skrive en besked på Jobnet, så har vi det også på skrift."});
    s.note(kNaeste, "Borger kan kontakte sagsbehandler via Jobnet.");
  } else {
    s.say(B, {"Jeg tror, jeg har fået svar på det hele.", "Det var vist det.", "Ikke lige nu, tror jeg."});
  }
  if (s.p.relative && s.chance(0.6)) {
    s.say(P, {"Jeg har bare et enkelt spørgsmål: Kan jeg komme med næste gang også?", "Tak fordi du tog dig tid. Det har været en god samtale."});
    s.say(SB, {"Ja, selvfølgelig. Du er meget velkommen.", "Tak, det er jeg glad for at høre."});
  }
  s.say(SB, {"Tak for i dag, {navn}.", "Godt. Tak for i dag, og held og lykke.", "Så siger vi tak for i dag. Pas godt på dig selv.",
             "Tak for en god samtale, {navn}. Vi ses.", "Så er vi vist igennem det hele. Tak fordi du kom.",
             "Godt, {navn}. Tak for i dag, og god weekend, når den kommer.", "Det var det hele. Tak for en god snak."});
  s.say(B, {"Tak skal du have.", "Tak, i lige måde.", "Tak. Hej hej.", "Tak for hjælpen.", "Ja, tak. Vi ses."});
  if (s.p.interpreter) {
    s.say_plain(T, "Tak.");
    s.say(SB, {"Tak til dig også, {tolk}.", "Og tak for tolkningen."});
  }
}

// ---- blocks that deepen the conversation ------------------------------------------------------------------

void strengths(Scene& s) {
  s.say(SB, {"Hvad ville dine tidligere kolleger sige, at du er god til?", "Hvis jeg ringede til din sidste chef, hvad ville vedkommende så sige om dig?",
             "Hvad er dine stærke sider, synes du selv?", "Hvis du skal beskrive dig selv som kollega, hvad vil du så sige?"});
  static constexpr const char* kTraits[] = {"stabil og mødestabil", "god til at samarbejde", "rolig under pres", "hurtig til at lære nye ting",
                                            "god til at tage ansvar"};
  const std::size_t k = s.say_pick(B, {"De ville nok sige, at jeg er stabil. Jeg har næsten aldrig været syg, og jeg kommer altid til tiden.",
                                       "At jeg er god til at samarbejde. Jeg er typen, der giver en hånd med, hvis nogen er bagud.",
                                       "Jeg tror, de ville sige, at jeg er rolig, også når der er rigtig travlt, og telefonen ringer hele tiden.",
                                       "At jeg er hurtig til at lære nye ting. Da vi fik nyt system, var det mig, der lærte de andre det.",
                                       "At jeg tager ansvar. Hvis der var noget, der skulle ordnes, så var det tit mig, de spurgte."});
  s.note(kSituation, std::string("Beskriver sig selv som ") + kTraits[k] + ".");
  s.say(SB, {"Det er præcis den slags, der skal stå i din ansøgning. Gerne med et konkret eksempel.",
             "Det er rigtig godt at vide. Arbejdsgiverne efterspørger netop det, og det skal du sige højt til en jobsamtale.",
             "Det er en styrke. Prøv at skrive et eksempel på det ind i dit CV, så det ikke bare er et ord."},
        {"Mange skriver bare, at de er fleksible og stabile, men det siger ikke så meget, hvis der ikke er et eksempel."}, 0.4);
  s.say(SB, {"Er der noget, du synes er svært, eller som du gerne vil blive bedre til?", "Og hvad er du knap så god til?",
             "Er der noget, du gerne vil lære mere om?"});
  static constexpr const char* kWeak[] = {"at bruge computer", "at bevare tålmodigheden", "at skrive ansøgninger", "at sige fra",
                                          "at tale foran mange mennesker"};
  const std::size_t w = s.say_pick(B, {"Jeg er ikke så god til computere. Det går, men jeg er langsom, og jeg bliver nervøs for at trykke forkert.",
                                       "Jeg kan godt blive lidt utålmodig, hvis tingene går for langsomt.",
                                       "Skriftligt dansk. Jeg hader at skrive ansøgninger, jeg ved aldrig, hvordan jeg skal starte.",
                                       "Jeg har svært ved at sige fra, så jeg ender tit med at tage for meget på mig.",
                                       "At snakke foran mange mennesker. Til møder siger jeg næsten ingenting."});
  s.note(kSituation, std::string("Oplever selv udfordringer med ") + kWeak[w] + ".");
  s.say(SB, {"Det er godt, at du ved det. Det kan vi faktisk gøre noget ved.",
             "Det er der mange, der har det svært med. Vi har en jobcafé, hvor man kan få hjælp, og det er helt uforpligtende.",
             "Det er ærligt sagt, og det er helt normalt. Det er ikke noget, der skal stå i vejen for dig."});
}

void network(Scene& s) {
  auto& v = s.vars;
  s.say(SB, {"Hvad laver du i din fritid?", "Hvad bruger du tiden på, når du ikke er her?", "Har du nogle fritidsinteresser?"});
  static constexpr const char* kHobby[] = {"spiller fodbold på et motionshold", "er frivillig i en genbrugsbutik", "har en kolonihave",
                                           "træner i fitnesscenter", "er træner for et børnehold", "bruger tiden på familien"};
  const std::size_t k = s.say_pick(B, {"Jeg spiller fodbold i {hjemby} på et motionshold om tirsdagen. Det er mest for det sociale.",
                                       "Jeg går meget ture, og så er jeg frivillig i en genbrugsbutik om lørdagen.",
                                       "Jeg har en kolonihave, og der bruger jeg meget tid om sommeren. Det er mit frirum.",
                                       "Jeg går til fitness tre gange om ugen. Det er godt for hovedet.",
                                       "Jeg er træner for et håndboldhold med børn. Det har jeg været i fire år.",
                                       "Ikke så meget, egentlig. Jeg er mest sammen med familien og ser serier."});
  s.note(kSituation, std::string("Borger ") + kHobby[k] + " i fritiden.");
  s.say(SB, {"Har du nogen i dit netværk, der måske kender til ledige job?",
             "Har du fortalt dine venner og familie, at du søger arbejde? Rigtig mange job bliver besat gennem netværk, før de overhovedet bliver slået op."});
  v["firma_n"] = new_firm(s, *s.p.sector);
  const std::size_t n = s.say_pick(B, {"Min svoger arbejder hos {firma_n}. Han har sagt, at han vil høre, om de mangler folk.",
                                       "Det har jeg ikke rigtig gjort. Jeg synes, det er lidt flovt at fortælle.",
                                       "Ja, jeg har skrevet et opslag på Facebook, og der var faktisk nogle, der svarede.",
                                       "Ikke rigtig, de fleste af mine venner arbejder med noget helt andet."});
  if (n == 0) {
    s.say(SB, {"Det er en rigtig god idé. Ring til ham i denne uge og spørg, om du må sende et CV.",
               "Super. Følg op på det, og sig gerne, at du er ledig og kan starte med det samme."});
    s.say(B, {"Ja, det gør jeg.", "Okay, jeg ringer til ham i aften.", "Ja, det er en god idé."});
    s.fact("organisation", v["firma_n"], v["firma_n"], "mulig arbejdsgiver via netværk");
    s.agreed.push_back("du kontakter din svoger om job hos " + v["firma_n"]);
    s.note(kAftaler, "Borger kontakter familiemedlem om mulig stilling hos " + v["firma_n"] + ".");
  } else {
    s.say(SB, {"Det er ikke flovt at være ledig, det sker for mange. Prøv at fortælle det til folk, du kender, det kan åbne nogle døre.",
               "Godt. Spørg gerne direkte, det er tit sådan, man kommer ind et sted.",
               "Det er helt i orden. Vi kan også bruge vores eget netværk her i jobcentret, vi har mange virksomhedskontakter."});
    s.note(kSituation, "Drøftet brug af netværk i jobsøgningen.");
  }
}

void digital(Scene& s) {
  s.say(SB, {"Hvordan har du det med det digitale, Jobnet, MitID og e-Boks?", "Har du styr på MitID og Jobnet?",
             "Er du vant til at bruge computer?"});
  const std::size_t k = s.say_pick(B, {"Det går fint, jeg bruger det hele tiden.",
                                       "Jeg kan godt finde ud af det, men jeg bliver forvirret af Jobnet. Der er så mange menuer.",
                                       "Min datter hjælper mig. Jeg er ikke så god til det.",
                                       "Jeg har kun min telefon, ikke nogen computer."});
  if (k == 0) {
    s.say(SB, {"Godt. Så kan du også selv booke tider og se dine aftaler.", "Fint, så behøver vi ikke bruge tid på det."});
    s.note(kSituation, "Er fortrolig med Jobnet og digital selvbetjening.");
    return;
  }
  s.say(SB, {"Jobnet-appen er faktisk ret god på telefonen. Der kan du også skrive i din joblog.",
             "Vi har hjælp til det digitale i jobcaféen. Der sidder nogen hver onsdag formiddag, og man skal ikke bestille tid.",
             "Så viser jeg dig lige, hvor det er. Kan du se her på skærmen? Her under Min Plan finder du dine aftaler, og her er joblog."});
  s.say(B, {"Okay, det prøver jeg.", "Det ville være en stor hjælp.", "Nå, det var ikke så svært, når man ser det."});
  s.note(kSituation, k == 3 ? "Har ikke adgang til computer; bruger telefon. Vejledt om Jobnet-appen."
                            : "Har brug for støtte til Jobnet. Henvist til hjælp i jobcaféen.");
}

void job_offer(Scene& s) {
  auto& v = s.vars;
  v["opslag_firma"] = new_firm(s, *s.p.sector);
  v["opslag_by"] = s.chance(0.5) ? v["nabo1"] : v["hjemby"];
  const Date deadline = date_ahead(s, 4, 20);
  v["opslag_frist"] = spoken_date(s.rng, deadline);
  const int hours = s.chance(0.7) ? 37 : static_cast<int>(s.rng.uniform_int(20, 32));
  v["opslag_timer"] = spoken_count(s.rng, hours) + " timer";
  s.say(SB, {"Jeg har faktisk fundet en stilling, som jeg tænker kunne passe til dig. Det er {opslag_firma} i {opslag_by}, der søger en {maal}.",
             "Inden du kom, kiggede jeg lidt rundt, og der er et opslag fra {opslag_firma} i {opslag_by}. De mangler en {maal}.",
             "Må jeg vise dig noget? Der er en stilling som {maal} hos {opslag_firma}. Det er i {opslag_by}."});
  s.say(B, {"Nå, det har jeg ikke set. Hvad går det ud på?", "Det lyder interessant. Er det fuld tid?", "Okay. Hvad kræver de?"},
        {"Jeg har søgt et par lignende stillinger, men ikke der.", "Jeg kender faktisk en, der har arbejdet der."}, 0.3);
  s.say(SB, {"Det er {opslag_timer} om ugen, og de skriver, at de lægger vægt på erfaring og på, at man er mødestabil. Ansøgningsfristen er {opslag_frist}.",
             "Det er en stilling på {opslag_timer}. De vil gerne have en, der kan starte hurtigt, og fristen er {opslag_frist}.",
             "Der står {opslag_timer} om ugen, dagarbejde. Man skal søge senest {opslag_frist}, og de holder samtaler løbende."});
  s.say(B, {"Den vil jeg gerne søge.", "Okay, så søger jeg den. Kan du sende linket?", "Ja, det lyder godt. Jeg søger den i aften.",
            "Hmm, det er lidt langt væk, men jeg søger den."});
  s.say(SB, {"Jeg sender den til dig på Jobnet i dag.", "Jeg lægger den ind under dine jobforslag på Jobnet.",
             "Godt. Jeg sender opslaget til dig, og så kigger vi på, hvordan det gik, næste gang."});
  s.fact("organisation", v["opslag_firma"], v["opslag_firma"], "jobforslag");
  s.fact("date", date_value(deadline), v["opslag_frist"], "ansøgningsfrist for jobforslag");
  s.fact("number", std::to_string(hours), v["opslag_timer"], "ugentlige timer i jobforslag");
  s.agreed.push_back("du søger stillingen hos " + v["opslag_firma"] + " senest " + v["opslag_frist"]);
  s.note(kAftaler, "Borger søger stilling som " + s.p.goal_job + " hos " + v["opslag_firma"] + " i " + v["opslag_by"] + " (" +
                       std::to_string(hours) + " timer/uge) senest " + note_date(deadline) + ". Jobforslag sendt via Jobnet.");
}

void past_efforts(Scene& s) {
  s.say(SB, {"Du har været igennem en del forløb før. Hvad har virket for dig, og hvad har ikke?",
             "Hvis du tænker tilbage på de tidligere forløb, hvad har så hjulpet dig mest?",
             "Jeg har læst i din sag, at du har haft flere forskellige tilbud. Hvad tænker du selv om dem?"});
  static constexpr const char* kNote[] = {
      "Borger har haft god erfaring med en tidligere praktik med fast kontaktperson; store holdforløb har ikke fungeret.",
      "Borger oplever at have haft mange skift af sagsbehandler og efterspørger kontinuitet.",
      "Borger har haft god erfaring med mentorstøtte i hjemmet.",
      "Borger profiterer af faste rammer og genkendelige personer."};
  const std::size_t k = s.say_pick(B, {"Den praktik, jeg var i hos {firma}, var god. Der var en, der tog sig af mig. Men det der kursus med tyve mennesker i et lokale, det kunne jeg slet ikke.",
                                       "Ærligt talt har jeg følt mig lidt kastet rundt. Jeg har haft fem forskellige sagsbehandlere på to år, og hver gang skal man starte forfra.",
                                       "Mentoren var god. Hun kom hjem til mig, når jeg ikke kunne komme ud, og hun pressede mig ikke.",
                                       "Det, der virkede, var, når der var en fast plan og de samme mennesker. Når tingene skifter hele tiden, går jeg i stå."});
  s.say(SB, {"Det er rigtig vigtigt for mig at vide. Så prøver vi at bygge videre på det, der virkede.",
             "Jeg forstår godt, hvis du er træt af skift. Jeg håber, at jeg kan være din sagsbehandler et godt stykke tid.",
             "Tak, fordi du siger det så klart. Det tager jeg med, når vi lægger planen."});
  s.note(kSituation, kNote[k]);
  if (s.p.relative && s.chance(0.5)) {
    s.say(P, {"Det er også det, jeg har set. Når der er ro på, så går det meget bedre.", "Jeg vil gerne sige, at det har været meget frustrerende for hele familien."});
    s.say(SB, {"Det forstår jeg godt.", "Tak. Det er vigtigt, at vi lytter til det."});
  }
}

void statements(Scene& s) {
  auto& v = s.vars;
  const bool female = s.chance(0.6);
  v["mentor2"] = person_name(s, female);
  v["m2pron"] = female ? "hun" : "han";
  const int meetings = static_cast<int>(s.rng.uniform_int(4, 12));
  v["moeder"] = spoken_count(s.rng, meetings) + " gange";
  s.say(SB, {"Jeg har fået en status fra {mentor2}, din mentor. {mentor2} skriver, at I har mødtes {moeder}, og at du er kommet til næsten alle aftalerne.",
             "Din mentor, {mentor2}, har sendt mig en kort status. I har set hinanden {moeder} siden sidst, og {m2pron} skriver, at det går fremad."},
        {"Der står også, at du har haft en hård periode i de sidste par uger.", "Der står også, at I har arbejdet med at komme op om morgenen."}, 0.6);
  s.say(B, {"Ja, det passer meget godt.", "Ja. Det har været op og ned, men jeg prøver.", "Det er rigtigt. Jeg har aflyst et par gange, når det var slemt."});
  s.fact("name", v["mentor2"], v["mentor2"], "mentor");
  s.note(kSituation, "Mentor (" + v["mentor2"] + ") oplyser, at borger har deltaget i " + std::to_string(meetings) + " møder og overvejende mødt stabilt.");
  if (s.chance(0.6)) {
    s.say(SB, {"Og fra lægen har jeg fået en statusattest. Lægen vurderer, at du ikke er færdigbehandlet, men at du godt kan være i aktivitet nogle timer om ugen.",
               "Jeg har også læst statusattesten fra din læge. Der står, at behandlingen fortsætter, og at lægen anbefaler en langsom optrapning."});
    s.say(B, {"Ja, det har lægen også sagt til mig.", "Okay. Det er fint.", "Det er også det, jeg selv tænker."});
    s.note(kSituation, "Statusattest fra egen læge: ikke færdigbehandlet; anbefaler gradvis optrapning af aktivitet.");
  }
  if (is(s, Group::Ressourceforloeb) && s.chance(0.6)) {
    s.say(SB, {"Rehabiliteringsteamet anbefalede jo, at vi havde fokus på både helbred og arbejde på samme tid. Det er det, planen bygger på.",
               "Som du ved, er jeg din koordinerende sagsbehandler, så det er mig, der holder sammen på det hele, også kontakten til sundhed og til det sociale."});
    s.say(B, {"Ja. Det er rart, at der er én, der har overblikket.", "Okay.", "Ja, det er også lettere for mig."});
  }
}

void work_tasks(Scene& s) {
  s.say(SB, {"Kan du beskrive, hvad du laver en almindelig dag på arbejdet?", "Hvad består dit arbejde af til daglig?",
             "Fortæl lidt om dine arbejdsopgaver. Hvad er det, der er svært lige nu?"});
  s.say(B, {"Jeg har {opgaver}, og det er meget fysisk. Der er mange tunge løft, og man står op hele dagen.",
            "Normalt har jeg {opgaver}. Der er meget travlt, og man skal være hurtig.",
            "Jeg har {opgaver}. Det er ikke fordi, det er så hårdt, men tempoet er højt."},
        {"Og så er der mange afbrydelser.", "Det er det, jeg er bange for ikke at kunne igen.", "Jeg har egentlig været glad for det."}, 0.5);
  s.say(SB, {"Er der nogle opgaver, du kunne lave nu, hvis de blev tilpasset?", "Er der noget af det, som du godt kunne klare allerede nu?"});
  s.say(B, {"Måske de lettere opgaver, eller at lære de nye op. Det har jeg gjort før.",
            "Jeg kunne godt lave noget af det administrative, bestillinger og sådan noget.",
            "Det ved jeg ikke. Jeg er bange for at blive dårligere."});
  s.say(SB, {"Det er værd at tale med din leder om. Det kan være en del af en plan for at komme tilbage.",
             "Det noterer jeg. Det kan vi bruge, når vi snakker med arbejdspladsen.",
             "Det er helt forståeligt. Vi går ikke hurtigere frem, end lægen siger er forsvarligt."});
  s.note(kSituation, "Stillingen indebærer, at borger har " + s.vars["opgaver"] + ". Drøftet mulige tilpassede opgaver.");
}

void expectations(Scene& s) {
  s.say(SB, {"Hvad forventer du af mig og af jobcentret?", "Hvad har du brug for fra os, tænker du?",
             "Hvad håber du, at du får ud af de her samtaler?"});
  s.say(B, {"At I hjælper mig med at finde noget, der passer til mig.",
            "Ærligt, jeg ved det ikke. Sidst jeg var her, hørte jeg ikke fra nogen i tre måneder.",
            "At I ikke presser mig ud i noget, jeg ikke kan.", "Bare at der er en, jeg kan ringe til, hvis jeg er i tvivl."},
        {"Jeg har hørt mange historier om jobcentret.", "Det er første gang, jeg er i det her system.", "Jeg vil bare gerne videre."}, 0.5);
  s.say(SB, {"Min opgave er at hjælpe dig med at komme videre, og at sørge for, at du kender reglerne. Men det er dig, der kender dig selv bedst, så du skal sige til, hvis noget ikke giver mening.",
             "Jeg vil gøre, hvad jeg kan, for at du ikke skal vente på os. Hvis du skriver til mig, svarer jeg inden for et par dage.",
             "Det forstår jeg godt. Jeg kan ikke love dig et job, men jeg kan love, at vi laver planen sammen, og at du ved, hvad der skal ske."});
  s.say(B, {"Det lyder fint.", "Okay. Det er godt at høre.", "Tak."});
}

void rules(Scene& s) {
  const auto g = s.p.group;
  if (g == Group::Dagpenge || g == Group::Jobparate) {
    s.say(SB, {"Jeg vil lige fortælle lidt om, hvordan forløbet ser ud. I starten ses vi ret tit, fordi vi ved, at det er i de første måneder, man har de bedste chancer for at komme i job. Samtalerne kan være her, på telefon eller som video.",
               "Lad mig lige forklare, hvordan det kommer til at foregå. Du får en plan, som ligger på Jobnet under Min Plan. Der kan du se, hvad vi har aftalt, og hvornår vi skal ses næste gang. Planen kan vi ændre undervejs, hvis der sker noget.",
               "Kort om rammerne: Du skal være tilmeldt som jobsøgende, du skal have et CV på Jobnet, og du skal løbende registrere din jobsøgning. Til gengæld er det vores opgave at hjælpe dig med job, kurser og kontakter."},
          {"Og hvis der er noget, du er i tvivl om, så er det bedre at spørge en gang for meget end en gang for lidt.",
           "Det lyder af meget, men det plejer at falde på plads efter et par uger."},
          0.6);
    s.say(B, {"Okay. Hvor tit skal vi ses?", "Hvad hvis jeg får et job i mellemtiden?", "Okay, det giver mening.",
              "Skal jeg også melde mig et andet sted?"});
    s.say(SB, {"Det afhænger lidt af, hvordan det går, men regn med en samtale hver fjerde til sjette uge i starten.",
               "Så skal du bare afmelde dig på Jobnet, og så er du ude af systemet. Det er jo det, vi håber på.",
               "Nej, det er kun os og a-kassen, og a-kassen har du jo allerede styr på.",
               "Godt. Og du kan altid se det hele på Jobnet bagefter."});
    s.note(kAftaler, "Borger er orienteret om samtaleforløb og Min Plan på Jobnet.");
    return;
  }
  s.say(SB, {"Jeg vil gerne fortælle lidt om, hvordan vi arbejder. Vi laver en plan sammen, og den skal give mening for dig. Hvis noget ikke fungerer, så ændrer vi det. Du bestemmer ikke alt, men du skal have medindflydelse på det hele.",
             "Det er vigtigt for mig, at du ved, at du altid kan få aktindsigt i din sag, og at du kan se mine notater på Jobnet. Der er ikke noget, der bliver skrevet om dig, som du ikke kan læse.",
             "Der er ikke noget krav om, at du skal være i job i morgen. Vi tager det i det tempo, du kan holde til, men vi skal også bevæge os fremad, og det er det, planen skal hjælpe med."});
  s.say(B, {"Det er godt at vide.", "Okay. Det er rart at høre.", "Hvad hvis jeg ikke er enig i noget?", "Kan jeg så også se, hvad lægen har skrevet?"});
  s.say(SB, {"Så siger du det, og så snakker vi om det. Og du kan altid klage, hvis der bliver truffet en afgørelse, du er uenig i.",
             "Ja, det kan du bede om. Det er dine oplysninger.",
             "Det er helt fint. Jeg vil hellere høre det nu end bagefter."});
  s.note(kFormaal, "Borger er orienteret om ret til medindflydelse og aktindsigt.");
}

void daily_life(Scene& s) {
  s.say(SB, {"Må jeg spørge lidt ind til din hverdag? Hvordan bor du?", "Hvordan er det med din bolig og din hverdag lige nu?",
             "Hvem har du omkring dig i hverdagen?"});
  static constexpr const char* kNote[] = {
      "Bor alene i lejlighed; har god kontakt til familien.", "Bor med partner og børn; partneren er en vigtig støtte.",
      "Har boligproblemer og er i risiko for at miste lejligheden.", "Bor midlertidigt hos en ven efter et brud.",
      "Bor alene og har begrænset netværk."};
  const std::size_t k = s.say_pick(B, {"Jeg bor alene i en lejlighed i {hjemby}. Min mor bor tæt på, så hun kigger tit forbi.",
                                       "Jeg bor med min partner og børnene. Min partner er min store støtte, men det er også hårdt for hende eller ham, det her.",
                                       "Det er lidt kaos lige nu. Jeg er bagud med huslejen, og jeg har fået et brev fra boligselskabet.",
                                       "Jeg bor hos en ven for tiden. Vi gik fra hinanden i foråret, så jeg har ikke noget fast sted.",
                                       "Jeg bor alene. Jeg ser ikke så mange mennesker, egentlig."});
  s.note(kSituation, kNote[k]);
  if (k == 2 || k == 3) {
    s.say(SB, {"Det er vigtigt, at vi får styr på boligen, for det er svært at fokusere på andet, når det er usikkert. Jeg kan sætte dig i kontakt med vores boligsocial rådgiver.",
               "Det skal vi have kigget på. Jeg vil gerne lave en henvisning til socialrådgiveren i borgerservice, som kan hjælpe med boligen."});
    s.say(B, {"Ja tak, det vil jeg gerne.", "Det ville være en stor hjælp.", "Okay. Jeg har ikke vidst, hvor jeg skulle gå hen."});
    s.agreed.push_back("jeg henviser dig til en rådgiver om boligen");
    s.note(kAftaler, "Sagsbehandler henviser til rådgivning om boligsituationen.");
  } else {
    s.say(SB, {"Det lyder godt, at du har nogen omkring dig.", "Okay. Hvad giver dig energi i hverdagen?", "Hvad laver du typisk om formiddagen?"});
    s.say(B, {"Jeg går tur, og så laver jeg mad. Det er de små ting.", "Mine børn. Og at komme ud i naturen.",
              "Ikke så meget, ærligt talt. Det er noget af det, jeg gerne vil ændre."});
  }
}

}  // namespace

void run_block(Scene& s, Block block) {
  switch (block) {
    case Block::Greeting: greeting(s); break;
    case Block::Parties: parties(s); break;
    case Block::Consent: consent(s); break;
    case Block::Purpose: purpose(s); break;
    case Block::WorkHistory: work_history(s); break;
    case Block::Akasse: akasse(s); break;
    case Block::Education: education(s); break;
    case Block::Language: language(s); break;
    case Block::Health: health(s); break;
    case Block::Employer: employer(s); break;
    case Block::Economy: economy(s); break;
    case Block::Cpr: cpr(s); break;
    case Block::StatusSearch: status_search(s); break;
    case Block::Goal: goal(s); break;
    case Block::CvJoblog: cv_joblog(s); break;
    case Block::Obligations: obligations(s); break;
    case Block::Interventions: interventions(s); break;
    case Block::Barriers: barriers(s); break;
    case Block::Summary: summary(s); break;
    case Block::NextMeeting: next_meeting(s); break;
    case Block::Closing: closing(s); break;
    case Block::Strengths: strengths(s); break;
    case Block::Network: network(s); break;
    case Block::Digital: digital(s); break;
    case Block::JobOffer: job_offer(s); break;
    case Block::PastEfforts: past_efforts(s); break;
    case Block::Statements: statements(s); break;
    case Block::WorkTasks: work_tasks(s); break;
    case Block::Expectations: expectations(s); break;
    case Block::Rules: rules(s); break;
    case Block::DailyLife: daily_life(s); break;
  }
  // The caseworker types between topics; this shows up as a longer silence in the recording.
  if (block != Block::Greeting && block != Block::Closing) s.pause(0.5, s.p.assisted && s.p.ai_used ? 2.0 : 4.0);
}

}  // namespace pb::synth
