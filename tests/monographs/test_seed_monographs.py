"""The four seed monographs, printed to PDF, say what the notebook says (issue 12).

Each fact below is copied from the seed notebook (sections III.B to III.E, in
/work/shared/seed); the test renders the case's PDF, extracts its text and finds
every fact in it, then checks that nothing the notebook does not say is printed:
no DLA, no answer « Oui » / « En partie », no filler, no text printed twice.
"""

import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from cycle.models import Project
from directory.models import Organisation
from dla_ic.pdf import html_to_pdf
from grille.vocabulary import QUESTIONS
from monographs.documents import monograph_html

B = "Pérenniser des emplois « environnement »"
C = "Éclairage fiscal des recycleries et ressourceries"
D = "Consolider et pérenniser l'offre d'insertion sur un territoire"
E = "Pérenniser un réseau départemental environnement et patrimoine"

FACTS = {
    B: [
        "MONOGRAPHIE : PÉRENNISER DES EMPLOIS « ENVIRONNEMENT »",
        "Réponse collective aux structures d'un même territoire",
        # Bénéficiaires concernés
        "Sept associations ont participé sur un potentiel de douze",
        "d'autres structures ont suivi partiellement : un lycée, 13 collectivités et le comité "
        "de pilotage",
        "Territoire avec 99 % des communes en intercommunalité (territoire DTEFP), dont trois "
        "grosses agglomérations et beaucoup d'espaces naturels",
        "Secteur de l'environnement",
        # Problématique
        "diagnostic d'ancrage territorial (DAT) en 2003",
        "68 employeurs (dont 12 associations) et 153 postes EJ",
        "75 % des postes se terminant en 2004/2005",
        "ont proposé aux 12 associations un accompagnement collectif pour réfléchir à la "
        "pérennisation de leurs emplois dans une logique partenariale et territoriale",
        # Objectifs opérationnels
        "Affiner l'analyse des postes Emplois Jeunes existant sur le territoire",
        "Aider les employeurs à mettre en œuvre, individuellement et collectivement, un plan de "
        "pérennisation des activités et des emplois",
        "Éclairer les jeunes salariés sur les pistes de débouchés professionnels envisageables, "
        "et plus particulièrement dans le secteur privé",
        # Moyens mobilisés
        "Un prestataire avec 2 intervenants du même bureau d'étude",
        "6 intervenants ponctuels dans les 4 rencontres thématiques",
        "Un comité d'animation composé de la DTEFP, de la DIREN, du Conseil Régional (service "
        "environnement), du Conseil Général, du TEE, animé par le DLA avec présence du "
        "prestataire",
        "14 800,00 €",
        "15 j",
        # Construction partenariale
        "Conçu par le DLA en concertation avec la DTEFP, la DIREN et TEE Nord-Pas-de-Calais",
        "12 associations avec élargissement à des structures du territoire, non associatives et "
        "employeuses sur le secteur de l'environnement (lycée, collectivités)",
        "comité d'animation ayant une fonction de mutualisation et de réflexion globale",
        "comité de pilotage plus formel, composé des financeurs (DDTEFP, DIREN) et du DLA",
        # Contenus abordés
        "Définir ou élargir le programme d'activités",
        "Connaître le marché",
        "Argumenter les savoir-faire à travers une labellisation",
        "Argumenter les demandes de financement",
        "Connaître l'environnement socio-économique",
        "Rechercher de nouveaux partenaires",
        # Méthode et déroulement
        "Alternance temps collectif (4 rencontres thématiques) et réunions du comité "
        "d'animation (10 réunions), le tout réparti sur 9 mois",
        "4 lieux différents",
        "Le positionnement des activités",
        "les contrats Emplois Jeunes « environnement », les domaines d'intervention des "
        "structures, les opportunités de développement",
        "Le coût des services",
        "définition, stratégies de positionnement, les outils, les ressources disponibles",
        "La labellisation des savoir-faire",
        "définition, démarche de labellisation",
        "Les sources de financement",
        "constats, les axes peu exploités, des sources d'informations",
        "accueil, retour sur dernière réunion, témoignages ou exposés, réactions et débat, "
        "synthèse",
        "Une cinquième rencontre a permis de réaliser un rendu global et une mise en perspective",
        "5 demi-journées (rencontres thématiques + rendu final) et 10 réunions (2h) du comité "
        "d'animation",
        # Éléments d'évaluation
        "Identification en fin d'accompagnement collectif de la nécessité de suivis individuels "
        "pour renforcer les compétences des structures",
        "Le fait de favoriser la rencontre de personnes et structures différentes (jeunes, "
        "associations, collectivités…)",
        "La diversité des objectifs, portés par chacune des 3 structures (DTEFP, DIREN, TEE)",
        "la difficulté à bien les faire converger dans la phase opérationnelle",
        # Points positifs
        "Formaliser la plus-value acquise (synthèses régulières + bilan / perspective)",
        "Partir de l'analyse du diagnostic d'ancrage territorial",
        "Mélanger les acteurs associatifs et collectivités",
        # Points de vigilance
        "bien clarifier les objectifs au niveau de tous les acteurs (comité de pilotage, comité "
        "d'animation, bénéficiaires et prestataire)",
        "bien identifier en amont les différents besoins et niveaux de connaissance des "
        "thématiques par chacun",
        "Partir des besoins et des difficultés des structures pour plus les impliquer",
        "Aller vers plus de concret, plus coller au terrain (échange d'expérience)",
        "Chercher l'équilibre entre des temps de formation, d'échange de pratique et de "
        "résolution de problème en collectif pour un réinvestissement individuel",
        "Chercher à articuler des séquences en collectif et en individuel",
        "La mise en réseau des structures concernées aurait facilité la mobilisation et le suivi",
    ],
    C: [
        "MONOGRAPHIE : ÉCLAIRAGE FISCAL DES RECYCLERIES ET RESSOURCERIES",
        "Réponses collectives aux structures d'un même réseau",
        "Cinq structures associatives, membres du réseau des « Recycleries-Ressourceries »",
        "(démarrage, temps forts et rendu final)",
        "Structures réparties sur 3 départements et 2 régions",
        "Secteur de l'environnement (déchet et réemploi), de l'insertion et de l'éducation",
        "représentent 90 emplois avec 62 emplois aidés",
        "une forte diversité en termes d'activité, de taille et de positionnement TVA, mais une "
        "demande centrale et commune sur la fiscalité de leurs activités",
        "Définir clairement leurs métiers pour envisager le découpage des activités à opérer et "
        "les taux de TVA à appliquer",
        "Permettre à chaque structure d'argumenter son positionnement auprès de "
        "l'administration fiscale",
        "Modéliser les apports afin de pouvoir les transférer aux autres "
        "Recycleries-Ressourceries dans le cadre du réseau",
        "Faire des préconisations au réseau en matière de formations et de suivi",
        "Un prestataire avec 2 intervenants du même cabinet d'avocat (département « associations "
        "et économie sociale »)",
        "11 302,00 €",
        "9,5 j",
        "5 DLA",  # the co-pilots, counted and never named
        "mutualisation des besoins de ces structures afin d'interpeller les DLA",
        "Deux rencontres avec le C2RA et les 5 DLA",
        "Le RRR est mobilisateur de ses adhérents et sert de relais auprès des structures "
        "accompagnées",
        "Un DLA référent : un seul DLA coordonne le projet au nom des 5 DLA",
        "a fonctionné par courriel",
        "Il était composé du prestataire, du C2RA, du conseil régional et du RRR",
        "Définir le métier et les activités",
        "Connaître le marché",
        "Analyser la situation fiscale",
        "Créer des supports de communication",
        "Argumenter auprès de l'administration fiscale",
        "Alternance de temps individuels (analyse des besoins), d'analyses, d'un temps collectif "
        "de rendu (éclairage sur fiscalité), puis de nouveau un temps personnalisé pour chacune "
        "des 5 structures, le tout réparti sur 6 mois",
        "1ère étape : analyse de l'existant et des demandes des 5 structures (2 j)",
        "questionnaire, entretiens téléphoniques, traitements des données et rédaction d'une "
        "synthèse individualisée",
        "2ième étape : éclairage complet sur fiscalité (3,5 j)",
        "Rédaction de l'étude générale avec fiches thématiques permettant une utilisation facile",
        "réunion de présentation d'une journée avec questions-réponses et échanges, ouverte à "
        "l'ensemble des structures du réseau",
        "3ième étape : conseil personnalisé réservé aux 5 structures (3 j)",
        "remise d'une étude personnalisée à chaque structure (stratégie, précautions, "
        "argumentaires)",
        "Le réseau réalise un cahier technique et met à la disposition de ses membres des "
        "ressources",
        "réparti entre étapes 1 et 3) et réunion collective d'une journée (étape 2)",
        "La modélisation et la capitalisation des 5 cas concrets doit servir l'ensemble du réseau",
        "L'approche collective de la fiscalité",
        "grâce à la journée de transfert et à la formation (post-accompagnement)",
        "La triple approche : accompagnement articulant collectif, individuel et réseau",
        "le temps individuel en 1ère étape ne faisait pas l'objet d'un diagnostic lourd",
        "Relation partenariale forte entre le prestataire et le RRR dans la mise en œuvre de "
        "l'accompagnement (formation, suivi, mise en place d'un cahier technique)",
        "Cet accompagnement très technique n'a pas nécessité la mobilisation d'autres "
        "partenariats",
        "Alternance entre temps individuels, temps collectifs et temps réseau",
        "Journée de transfert à l'ensemble du réseau",
        "La conception d'un cahier technique et sa diffusion à l'ensemble du réseau",
        "Appui à la tête de réseau, devenu relais et compétent sur ce domaine",
        "Capacité d'organisation collective des 5 DLA, un seul DLA référent en termes de suivi",
        "Pas de décalage entre la réponse du prestataire et la réalité de l'accompagnement",
        "La présence indispensable de la tête de réseau à toutes les étapes importantes",
        "Diversité et hétérogénéité des situations",
        "les attentes globales étaient traitées en collectif et les attentes individuelles (très "
        "diverses) étaient traitées par structure",
    ],
    D: [
        "MONOGRAPHIE : CONSOLIDER ET PÉRENNISER L'OFFRE D'INSERTION SUR UN TERRITOIRE",
        "Production d'une solution collective avec les structures",
        "Trois associations de petite taille (moins de 10 salariés en contrats aidés), sur un "
        "même territoire",
        "Département avec zones de littoral et de montagne",
        "Secteur de l'insertion par l'activité économique (2 entreprises d'insertion et un "
        "chantier d'insertion)",
        "(entretien de l'espace)",
        "les 3 structures d'insertion sont présentes sur un même territoire",
        "directement gérées par des bénévoles",
        "voire la création d'un poste d'encadrement en commun (proposition DDTEFP)",
        "difficulté à répondre aux exigences des différents montages administratifs",
        "Consolider et pérenniser l'offre d'insertion sur le territoire concerné",
        "Rechercher une organisation qui optimisera le fonctionnement des 3 structures par la "
        "mutualisation dans certains domaines et à certains niveaux (social, commercial et "
        "économique)",
        "Un prestataire avec 2 intervenants du même bureau d'étude",
        "Un comité de pilotage composé du DLA, de la DDTEFP, du Conseil Régional, du Conseil "
        "Général, des 3 structures (animé par le prestataire)",
        "8 100,00 €",
        "9 j",
        "12 000,00 €",
        "12 j",
        "Accompagnement collectif impulsé par la DDTEFP",
        "qu'après s'être entretenu, en même temps, avec les 3 associations concernées",
        "lieu de restitution des grandes étapes de l'accompagnement durant les 2 phases",
        "argumenter les demandes de soutien financier au nouveau projet",
        "Définir un projet, une stratégie",
        "Organiser la vie statutaire",
        "Définir ou élargir l'offre de prestations",
        "Analyser la situation fiscale",
        "Analyser les indicateurs financiers",
        "Négocier un partenariat",
        "Argumenter les demandes de financement",
        "Rechercher de nouveaux partenaires",
        "Mettre en place une organisation fonctionnelle",
        "le tout répartis sur 8 mois (rythme soutenu afin de maintenir la mobilisation des "
        "structures)",
        "Phase 1 : « A la recherche des mutualisations possibles » (9 j)",
        "des produits et ventes de services, des fonctions principales et des points critiques",
        "Temps collectifs (4 réunions d'une 1/2 journée)",
        "« nous sommes en 2010… une entreprise d'insertion… »",
        "Phase intermédiaire : élaboration d'un cahier des charges pour une étude de faisabilité",
        "Cinq conditions de réussite de l'étude ont été définies collectivement",
        "Réelle volonté des responsables des 3 structures",
        "Support des financeurs et partenaires impliqués",
        "Démarrage rapide de l'étude",
        "Accompagnement de proximité (animation, technique, juridique)",
        "Engagement des 3 structures et des partenaires à ne pas prendre des décisions obérant "
        "le projet",
        "Phase 2 : « Étudier les possibilités de création d'une structure unique qui reprendrait "
        "les activités des 3 structures actuelles » (12 j)",
        "une optimisation économique des moyens, des résultats d'insertion et du processus de "
        "regroupement (dont apport d'un expert juridique)",
        "un questionnement permanent sur le projet associatif de chaque structure, les objectifs "
        "des CA et leurs réelles priorités",
        # the outcome: two of the three structures stopped, one carries the project
        "le projet de structure unique est porté par seulement une structure car deux "
        "structures ont décidé d'arrêter leur activité d'IAE",
        "14 demi-journées en moyenne pour chaque structure",
        "phase 1 = 4 demi-journées en collectif et 3 demi-journées en individuel ; phase 2 = 7 "
        "demi-journées en collectif et 6 demi-journées en individuel",
        "Chacune des structures a acquis des compétences lui permettant de redéfinir son projet "
        "associatif",
        "2 des structures ont souhaité se repositionner sur des activités plus en cohérence avec "
        "leur projet associatif environnemental et leur « cœur de métier »",
        "la mise en place d'une réunion avec les 3 structures avant de répondre à l'appel d'offre "
        "du DLA",
        "Tous les pilotes, partenaires financiers historiques de chacune des 3 associations, ont "
        "été très actifs",
        "Un accompagnement collectif qui a permis la création d'un vrai groupe",
        "Une aide à la décision pour 2 structures pour leur éviter une course en avant les "
        "dépassant",
        "La détermination de la DDTEFP de provoquer ce type de démarche",
        "« nous souhaitons étudier la possibilité de créer une structure unique »",
        "Le fait que ce soit le même prestataire qui ait mené l'ensemble des 2 phases",
        "Une vive recommandation d'un partenaire financier peut être à l'origine d'une action DLA",
        "transformer une demande extérieure en une véritable motivation",
    ],
    E: [
        "MONOGRAPHIE : PÉRENNISER UN RÉSEAU DÉPARTEMENTAL ENVIRONNEMENT ET PATRIMOINE",
        "Production d'une solution collective avec les structures",
        "Un réseau départemental et ses 22 structures membres",
        "Département rural montagnard",
        "Secteurs de l'éducation à l'environnement et du patrimoine local",
        "Un réseau départemental d'éducation à l'environnement sollicite le DLA car sa pérennité "
        "est remise en cause",
        "produire une solution collective avec le réseau et ses structures membres",
        "Permettre la pérennisation des postes salariés des membres du réseau",
        "Par la structuration d'un projet associatif fédérateur et la mise en œuvre d'une "
        "démarche commune à destination des financeurs",
        "la ligne de développement initiée par le réseau depuis 2002",
        "le projet associatif de chaque structure membre du réseau",
        "les travaux menés par chaque structure du réseau",
        "les compétences et les besoins communs complémentaires",
        "Un prestataire avec 2 intervenants du même bureau d'étude",
        "Un comité de coordination des membres du réseau (4 personnes représentatives de la "
        "diversité du réseau)",
        "chargée de mission DLA très impliquée dans la conception et le suivi",
        "23 824,32 €",
        "24 j",
        "Co-construction de la mission par le DLA, le prestataire retenu et le réseau "
        "départemental",
        "Conventionnement signé après cette co-construction collective",
        "3 de ses services ont été mobilisés (culture, environnement, éducation) dans le cadre de "
        "tours de tables",
        "Définir une stratégie et un positionnement de travail en réseau",
        "Structurer et formaliser le projet associatif",
        "Organiser la vie statutaire et l'animation de réseau",
        "Définir ou élargir l'offre de prestations et développer des ressources propres",
        "Négocier un partenariat en construisant une offre",
        "Connaître l'environnement socio-économique de la structure",
        "Rechercher de nouveaux partenaires publics et privés",
        "alternance de réunions, d'entretiens, d'analyses et d'un séminaire, le tout réparti sur "
        "3 mois",
        "Phase 1 : Structuration d'un avant-projet sommaire associatif (4 j)",
        "Organisation et positionnement des instances dirigeantes",
        "formalisation d'un avant-projet sommaire à valider en séminaire collectif",
        "interview d'un échantillon de structures",
        "Phase 2 : Analyse des partenaires et de l'environnement politique du réseau (4 j)",
        "Analyse de la perception du réseau par ses partenaires",
        "repérage et analyse des opportunités et contraintes politiques",
        "Phase 3 : Validation et formalisation du projet associatif (6 j)",
        "Présentation, alimentation et validation du projet associatif fédérateur",
        "séminaire de réflexion rassemblant 22 participants (16 membres du réseau et 6 "
        "partenaires : CR, CG, PNR, collectivités locales)",
        "Phase 4 : Appui à la mise en œuvre d'une action commune (6 j)",
        "Formalisation d'une offre commune, intégrant la problématique de la pérennisation des "
        "emplois jeunes",
        "offre commune aux partenaires actuels et nouveaux",
        "Phase 5 : Appui à la négociation (4 j)",
        "Préparation aux objections et points de vigilance",
        "tours de table avec le comité de coordination, les partenaires et les DLA concernés",
        "24 jours au total pour le prestataire",
        "4 j pour la phase 1, 4 j pour la phase 2, 6 j pour la phase 3, 6 j pour la phase 4, 4 j "
        "pour la phase 5",
        "La clarification des notions de méthodologie de projet et des différences entre "
        "objectifs et moyens",
        "notamment sur la notion « d'animation de réseau »",
        "L'alternance entre le comité de coordination du réseau et le séminaire (22 participants)",
        "le réseau avec 5 hypothèses de développement (outil transposable)",
        "La méthode employée a permis aux partenaires majeurs du réseau de se mobiliser "
        "activement",
        "Un approfondissement de l'existant afin de mieux anticiper le changement",
        "Une réorganisation interne notamment sur les statuts et sur les relations avec la "
        "structure porteuse du salarié du réseau",
        "La mise en place de mesures d'impact et l'appropriation de la culture du résultat",
        "L'amélioration des compétences du coordinateur du réseau, notamment sur la fonction "
        "d'animation",
        "La modification du positionnement vis-à-vis des financeurs",
        "Mission respectée sans décalage dans le temps (gage de réussite)",
        "une vraie dynamique de réseau s'est mise en place",
        "Le déroulement du séminaire",
        "Le travail de proximité entre le prestataire, le coordinateur et le comité de pilotage",
        "La présence et le positionnement de la chargée de mission DLA",
        "Le travail de co-construction prestataire, association, DLA",
        "Décalage entre les anciens et les nouveaux adhérents du réseau",
        "la diversité des financements et de la multitude des réseaux d'acteurs (sectoriel, "
        "thématiques et territoriaux)",
    ],
}
# What the notebook does not say for a case, and must not be printed for it.
NOT_SAID = {
    B: ["Objectif stratégique", "Avis du comité d'appui"],
    C: ["Objectif stratégique", "Avis du comité d'appui"],
    D: ["Avis du comité d'appui"],
    E: ["Avis du comité d'appui"],
}
FILLERS = ["ne renseigne pas", "En partie", "BROUILLON"]


def norm(text: str) -> str:
    text = text.replace("\u202f", " ").replace("\xa0", " ").replace("’", "'")
    text = " ".join(text.split())
    return re.sub(r"(\w)- (\w)", r"\1-\2", text).casefold()  # words split at a line's end


_RENDERED: dict = {}


@pytest.fixture
def rendered(db):
    """Each seed case's PDF (text, metadata, pilots), from the demo as ``load_demo`` loads it.

    Rendered once for the module: the tests only read the texts.
    """
    if not _RENDERED:
        call_command("load_demo", stdout=io.StringIO())
        for project in Project.objects.filter(title__in=FACTS):
            reader = PdfReader(io.BytesIO(html_to_pdf(monograph_html(project))))
            text = "\n".join(page.extract_text() for page in reader.pages)
            pilots = [
                (p.organisation.name, p.organisation.departement.name
                 if p.organisation.departement else "")
                for p in project.pilotages.select_related("organisation__departement")
            ]
            _RENDERED[project.title] = (text, dict(reader.metadata), pilots)
        _RENDERED["organisations"] = list(Organisation.objects.values_list("name", flat=True))
    return {t: v for t, v in _RENDERED.items() if t != "organisations"}, _RENDERED[
        "organisations"
    ]


@pytest.mark.parametrize("title", FACTS)
def test_every_notebook_fact_is_printed(rendered, title):
    text = norm(rendered[0][title][0])
    missing = [fact for fact in FACTS[title] if norm(fact) not in text]
    assert missing == [], missing


@pytest.mark.parametrize("title", FACTS)
def test_no_dla_is_named_anywhere(rendered, title):
    (text, metadata, pilots), organisations = rendered[0][title], rendered[1]
    printed = norm(text + " " + " ".join(str(v) for v in metadata.values()))
    assert pilots
    assert [name for name in organisations if norm(name) in printed] == []
    notebook = " ".join(norm(fact) for fact in FACTS[title])
    for _name, departement in pilots:  # nor its département, unless the notebook names it
        if departement and norm(departement) not in notebook:
            assert norm(departement) not in printed, departement


@pytest.mark.parametrize("title", FACTS)
def test_nothing_the_notebook_does_not_say(rendered, title):
    raw = rendered[0][title][0]
    text = norm(raw)
    assert [f for f in FILLERS + NOT_SAID[title] if norm(f) in text] == []
    assert not re.search(r"\b(Oui|Non)\b", raw)  # no yes/no answer the notebook never gives
    for question in QUESTIONS:  # no sub-question: the notebook answers none
        assert not [s for s in question.sub_questions if norm(str(s.label)) in text]


@pytest.mark.parametrize("title", FACTS)
def test_no_text_is_printed_twice(rendered, title):
    text = " ".join(rendered[0][title][0].split())
    sentences = [s.strip() for s in re.split(r"[.;:]\s", text) if len(s.strip()) >= 60]
    repeated = {s for s in sentences if sentences.count(s) > 1 and s != title}
    assert repeated == set()
