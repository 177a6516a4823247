// Quality and speed of similar practices and duplicate detection. Quality: real-looking practices, some with a
// labelled near-duplicate made by editing, reordering, translating or abbreviating them, each asked as a draft of
// similarPractices through the gateway (rank of the original, likelyDuplicate precision and recall). Speed:
// Practice.similar, from stored lists and ranked afresh, against a text search through the gateway on the same
// (larger) data, every request asked once so none is the gateway cache's.
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { practiceCodeLists, refreshSimilar } from '@radar/practices';
import { benchEnv, databaseLabel, percentile, practicesStack, printTable as table, timed } from './practices-stack.mjs';

const TARGET_RECALL_AT_5 = 0.9;
const TARGET_PRECISION = 0.9;
const TARGET_SPEED_RATIO = 2;
const WARMUP = 5;
const BATCH = 5_000;
const ASKED = 10;
const LANGUAGES = ['fr', 'de', 'es'];
const KINDS = ['edited', 'reordered', 'translated', 'abbreviated'];

const { values: flags } = parseArgs({
  options: {
    practices: { type: 'string', default: '10000' },
    pairs: { type: 'string', default: '300' },
    'speed-practices': { type: 'string' },
    repeat: { type: 'string', default: '30' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    'node-env': { type: 'string', default: 'production' },
  },
});
const practiceCount = Number(flags.practices);
const pairCount = Number(flags.pairs);
const speedCount = Number(flags['speed-practices'] ?? (process.env.DATABASE_URL ? 100_000 : 20_000));
const repeat = Number(flags.repeat);
const only = flags.only;
const counts = [practiceCount, pairCount, speedCount, repeat, Number(flags.seed)];
if (!counts.every((n) => Number.isInteger(n) && n >= 0) || pairCount > practiceCount || repeat < 1) {
  console.error(
    'usage: node test/bench/similar.mjs [--practices 10000] [--pairs 300] [--speed-practices 100000] [--repeat 30] ' +
      '[--seed 1] [--only quality|speed] [--keep] [--reuse radar_benchXXXX] [--node-env mode]',
  );
  process.exit(1);
}
if (only && !['quality', 'speed'].includes(only)) {
  console.error('--only is quality or speed');
  process.exit(1);
}

// A seeded generator, so a run can be repeated exactly (mulberry32).
let state = Number(flags.seed) >>> 0 || 1;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];
const chance = (p) => random() < p;
const uuid = () => {
  const hex = Array.from({ length: 32 }, () => int(16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
};
const capitalise = (text) => text.charAt(0).toLocaleUpperCase() + text.slice(1);
function shuffled(list) {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = int(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

// Word banks: every phrase in English and in the languages copies are translated into (the phrase dictionary).
const SERVICES = [
  {
    en: 'remote patient monitoring',
    fr: 'télésurveillance des patients',
    de: 'Fernüberwachung von Patienten',
    es: 'monitorización remota de pacientes',
    abbr: 'RPM',
  },
  {
    en: 'video teleconsultation',
    fr: 'téléconsultation vidéo',
    de: 'Video-Telekonsultation',
    es: 'teleconsulta por vídeo',
  },
  {
    en: 'electronic prescription',
    fr: 'prescription électronique',
    de: 'elektronische Verschreibung',
    es: 'receta electrónica',
    abbr: 'ePrescription',
  },
  {
    en: 'shared electronic health record',
    fr: 'dossier médical électronique partagé',
    de: 'gemeinsame elektronische Patientenakte',
    es: 'historia clínica electrónica compartida',
    abbr: 'EHR',
  },
  {
    en: 'symptom checker chatbot',
    fr: 'chatbot de vérification des symptômes',
    de: 'Chatbot zur Symptomprüfung',
    es: 'chatbot de evaluación de síntomas',
  },
  {
    en: 'home rehabilitation programme',
    fr: 'programme de rééducation à domicile',
    de: 'Rehabilitationsprogramm für zu Hause',
    es: 'programa de rehabilitación domiciliaria',
  },
  {
    en: 'medication adherence coaching',
    fr: 'accompagnement à l’observance médicamenteuse',
    de: 'Coaching zur Medikamententreue',
    es: 'acompañamiento en la adherencia a la medicación',
  },
  {
    en: 'online appointment booking',
    fr: 'prise de rendez-vous en ligne',
    de: 'Online-Terminbuchung',
    es: 'cita previa en línea',
  },
  {
    en: 'artificial intelligence triage',
    fr: 'triage par intelligence artificielle',
    de: 'Triage mit künstlicher Intelligenz',
    es: 'triaje con inteligencia artificial',
    abbr: 'AI triage',
  },
  {
    en: 'digital therapeutics',
    fr: 'thérapies numériques',
    de: 'digitale Therapeutika',
    es: 'terapias digitales',
    abbr: 'DTx',
  },
  {
    en: 'integrated care pathway',
    fr: 'parcours de soins intégré',
    de: 'integrierter Versorgungspfad',
    es: 'itinerario de atención integrada',
    abbr: 'ICP',
  },
  {
    en: 'population screening programme',
    fr: 'programme de dépistage de la population',
    de: 'Bevölkerungsscreening-Programm',
    es: 'programa de cribado poblacional',
  },
  {
    en: 'telepharmacy service',
    fr: 'service de télépharmacie',
    de: 'Telepharmazie-Dienst',
    es: 'servicio de telefarmacia',
  },
  {
    en: 'wearable fall detection',
    fr: 'détection des chutes par capteur portable',
    de: 'Sturzerkennung mit tragbaren Sensoren',
    es: 'detección de caídas con sensores portátiles',
  },
  {
    en: 'self-management platform',
    fr: 'plateforme d’autogestion',
    de: 'Selbstmanagement-Plattform',
    es: 'plataforma de autogestión',
  },
  {
    en: 'clinical decision support system',
    fr: 'système d’aide à la décision clinique',
    de: 'klinisches Entscheidungsunterstützungssystem',
    es: 'sistema de apoyo a la decisión clínica',
    abbr: 'CDSS',
  },
  {
    en: 'patient reported outcome measures',
    fr: 'mesures des résultats rapportés par les patients',
    de: 'patientenberichtete Ergebnismessungen',
    es: 'medidas de resultados informados por los pacientes',
    abbr: 'PROMs',
  },
  {
    en: 'hospital at home',
    fr: 'hospitalisation à domicile',
    de: 'Krankenhaus zu Hause',
    es: 'hospitalización a domicilio',
    abbr: 'HaH',
  },
  {
    en: 'mobile health coaching',
    fr: 'coaching de santé mobile',
    de: 'mobiles Gesundheitscoaching',
    es: 'coaching de salud móvil',
    abbr: 'mHealth coaching',
  },
  { en: 'telestroke network', fr: 'réseau de télé-AVC', de: 'Telestroke-Netzwerk', es: 'red de teleictus' },
];
const CONDITIONS = [
  {
    en: 'type 2 diabetes',
    fr: 'diabète de type 2',
    de: 'Typ-2-Diabetes',
    es: 'diabetes tipo 2',
    abbr: 'T2D',
    topic: 'CHRONIC_DISEASE',
  },
  {
    en: 'heart failure',
    fr: 'insuffisance cardiaque',
    de: 'Herzinsuffizienz',
    es: 'insuficiencia cardíaca',
    abbr: 'HF',
    topic: 'CHRONIC_DISEASE',
  },
  {
    en: 'chronic obstructive pulmonary disease',
    fr: 'bronchopneumopathie chronique obstructive',
    de: 'chronisch obstruktive Lungenerkrankung',
    es: 'enfermedad pulmonar obstructiva crónica',
    abbr: 'COPD',
    topic: 'CHRONIC_DISEASE',
  },
  { en: 'depression', fr: 'dépression', de: 'Depression', es: 'depresión', topic: 'MENTAL_HEALTH' },
  {
    en: 'anxiety disorders',
    fr: 'troubles anxieux',
    de: 'Angststörungen',
    es: 'trastornos de ansiedad',
    topic: 'MENTAL_HEALTH',
  },
  { en: 'dementia', fr: 'démence', de: 'Demenz', es: 'demencia', topic: 'AGEING_WELL' },
  { en: 'stroke', fr: 'accident vasculaire cérébral', de: 'Schlaganfall', es: 'ictus', topic: 'CHRONIC_DISEASE' },
  { en: 'breast cancer', fr: 'cancer du sein', de: 'Brustkrebs', es: 'cáncer de mama', topic: 'PREVENTION' },
  { en: 'asthma', fr: 'asthme', de: 'Asthma', es: 'asma', topic: 'CHRONIC_DISEASE' },
  { en: 'hypertension', fr: 'hypertension artérielle', de: 'Bluthochdruck', es: 'hipertensión', topic: 'PREVENTION' },
  { en: 'obesity', fr: 'obésité', de: 'Adipositas', es: 'obesidad', topic: 'PREVENTION' },
  {
    en: 'chronic kidney disease',
    fr: 'maladie rénale chronique',
    de: 'chronische Nierenerkrankung',
    es: 'enfermedad renal crónica',
    abbr: 'CKD',
    topic: 'CHRONIC_DISEASE',
  },
  {
    en: 'atrial fibrillation',
    fr: 'fibrillation auriculaire',
    de: 'Vorhofflimmern',
    es: 'fibrilación auricular',
    abbr: 'AF',
    topic: 'CHRONIC_DISEASE',
  },
  { en: 'frailty', fr: 'fragilité', de: 'Gebrechlichkeit', es: 'fragilidad', topic: 'AGEING_WELL' },
  {
    en: 'multiple sclerosis',
    fr: 'sclérose en plaques',
    de: 'Multiple Sklerose',
    es: 'esclerosis múltiple',
    abbr: 'MS',
    topic: 'CHRONIC_DISEASE',
  },
  {
    en: 'eating disorders',
    fr: 'troubles alimentaires',
    de: 'Essstörungen',
    es: 'trastornos alimentarios',
    topic: 'MENTAL_HEALTH',
  },
];
const POPULATIONS = [
  { en: 'older adults', fr: 'personnes âgées', de: 'ältere Menschen', es: 'personas mayores', group: 'OLDER_PEOPLE' },
  { en: 'children', fr: 'enfants', de: 'Kinder', es: 'niños', group: 'CHILDREN_YOUTH' },
  { en: 'adolescents', fr: 'adolescents', de: 'Jugendliche', es: 'adolescentes', group: 'CHILDREN_YOUTH' },
  {
    en: 'pregnant women',
    fr: 'femmes enceintes',
    de: 'schwangere Frauen',
    es: 'mujeres embarazadas',
    group: 'PATIENTS_CITIZENS',
  },
  {
    en: 'rural residents',
    fr: 'habitants des zones rurales',
    de: 'Menschen auf dem Land',
    es: 'residentes rurales',
    group: 'PATIENTS_CITIZENS',
  },
  {
    en: 'informal carers',
    fr: 'aidants familiaux',
    de: 'pflegende Angehörige',
    es: 'cuidadores informales',
    group: 'INFORMAL_CARERS',
  },
  {
    en: 'nursing home residents',
    fr: 'résidents des maisons de retraite',
    de: 'Pflegeheimbewohner',
    es: 'residentes de residencias',
    group: 'OLDER_PEOPLE',
  },
  {
    en: 'working adults',
    fr: 'adultes actifs',
    de: 'Berufstätige',
    es: 'adultos en activo',
    group: 'PATIENTS_CITIZENS',
  },
  { en: 'migrants', fr: 'migrants', de: 'Migranten', es: 'migrantes', group: 'PATIENTS_CITIZENS' },
  {
    en: 'people living alone',
    fr: 'personnes vivant seules',
    de: 'alleinlebende Menschen',
    es: 'personas que viven solas',
    group: 'PATIENTS_CITIZENS',
  },
];
const PLACES =
  `Porto Tartu Graz Lyon Ghent Uppsala Bologna Cluj-Napoca Kaunas Valencia Aarhus Tampere Brno Ljubljana Pécs
  Kraków Bilbao Nantes Utrecht Leuven Trieste Coimbra Riga Vilnius Espoo Göteborg Salzburg Liège Galway Limassol Malmö
  Turku Debrecen Košice Zagreb Plovdiv Timișoara Maribor Tallinn Groningen Eindhoven Aachen Freiburg Dresden Sevilla
  Murcia Bordeaux Lille Genova Padova`.split(/\s+/);
const BRAND_STARTS =
  'Cardio Tele Medi Care Vita Neuro Diab Pulmo Geri Psy Nephro Onco Mind Heal Pharma Move Sana Kardia'.split(' ');
const BRAND_ENDS = 'Link Net Path Hub Connect Watch Coach Mate Point Track Wise Flow Bridge Compass Guard Pulse'.split(
  ' ',
);
const MEASURES = [
  {
    en: 'blood pressure readings',
    fr: 'mesures de tension artérielle',
    de: 'Blutdruckwerte',
    es: 'lecturas de tensión arterial',
  },
  { en: 'glucose values', fr: 'valeurs de glycémie', de: 'Blutzuckerwerte', es: 'valores de glucosa' },
  { en: 'daily symptoms', fr: 'symptômes quotidiens', de: 'tägliche Symptome', es: 'síntomas diarios' },
  { en: 'weight and activity', fr: 'poids et activité', de: 'Gewicht und Aktivität', es: 'peso y actividad' },
  { en: 'mood scores', fr: 'scores d’humeur', de: 'Stimmungswerte', es: 'puntuaciones de ánimo' },
  { en: 'medication intake', fr: 'prise de médicaments', de: 'Medikamenteneinnahme', es: 'toma de medicación' },
];
const TEAMS = [
  { en: 'nurse', fr: 'infirmière', de: 'Pflegekraft', es: 'enfermera' },
  { en: 'general practitioner', fr: 'médecin généraliste', de: 'Hausarzt', es: 'médico de familia' },
  { en: 'care team', fr: 'équipe soignante', de: 'Behandlungsteam', es: 'equipo asistencial' },
  { en: 'pharmacist', fr: 'pharmacien', de: 'Apotheker', es: 'farmacéutico' },
  { en: 'specialist', fr: 'spécialiste', de: 'Facharzt', es: 'especialista' },
];
const CHANNELS = [
  { en: 'mobile app', fr: 'application mobile', de: 'mobile App', es: 'aplicación móvil', setting: 'HOME' },
  { en: 'web portal', fr: 'portail web', de: 'Webportal', es: 'portal web', setting: 'PRIMARY_CARE' },
  { en: 'tablet', fr: 'tablette', de: 'Tablet', es: 'tableta', setting: 'HOME' },
  { en: 'text messages', fr: 'messages texte', de: 'Textnachrichten', es: 'mensajes de texto', setting: 'COMMUNITY' },
  { en: 'video link', fr: 'liaison vidéo', de: 'Videoverbindung', es: 'enlace de vídeo', setting: 'HOSPITAL' },
];
const OUTCOMES = [
  { en: 'hospital admissions', fr: 'hospitalisations', de: 'Krankenhauseinweisungen', es: 'ingresos hospitalarios' },
  { en: 'emergency visits', fr: 'passages aux urgences', de: 'Notaufnahmebesuche', es: 'visitas a urgencias' },
  { en: 'waiting times', fr: 'délais d’attente', de: 'Wartezeiten', es: 'tiempos de espera' },
  {
    en: 'travel to appointments',
    fr: 'déplacements aux rendez-vous',
    de: 'Fahrten zu Terminen',
    es: 'desplazamientos a las citas',
  },
  { en: 'readmissions', fr: 'réhospitalisations', de: 'Wiederaufnahmen', es: 'reingresos' },
];
const GOALS = [
  { en: 'self-management', fr: 'l’autogestion', de: 'das Selbstmanagement', es: 'la autogestión' },
  { en: 'early detection', fr: 'la détection précoce', de: 'die Früherkennung', es: 'la detección precoz' },
  {
    en: 'continuity of care',
    fr: 'la continuité des soins',
    de: 'die Kontinuität der Versorgung',
    es: 'la continuidad asistencial',
  },
  {
    en: 'shared decision making',
    fr: 'la décision partagée',
    de: 'die gemeinsame Entscheidungsfindung',
    es: 'la toma de decisiones compartida',
  },
];
const STARTERS = [
  {
    en: 'a university hospital',
    fr: 'un hôpital universitaire',
    de: 'einem Universitätsklinikum',
    es: 'un hospital universitario',
  },
  {
    en: 'a regional health authority',
    fr: 'une autorité régionale de santé',
    de: 'einer regionalen Gesundheitsbehörde',
    es: 'una autoridad sanitaria regional',
  },
  {
    en: 'a primary care network',
    fr: 'un réseau de soins primaires',
    de: 'einem Hausärztenetz',
    es: 'una red de atención primaria',
  },
  { en: 'a start-up', fr: 'une start-up', de: 'einem Start-up', es: 'una empresa emergente' },
  { en: 'a municipality', fr: 'une municipalité', de: 'einer Gemeinde', es: 'un ayuntamiento' },
];
const SYSTEMS = [
  {
    en: 'hospital information system',
    fr: 'système d’information hospitalier',
    de: 'Krankenhausinformationssystem',
    es: 'sistema de información hospitalaria',
  },
  {
    en: 'regional health information exchange',
    fr: 'plateforme régionale d’échange de données de santé',
    de: 'regionalen Gesundheitsdatenaustausch',
    es: 'intercambio regional de información sanitaria',
  },
  {
    en: 'national patient portal',
    fr: 'portail national des patients',
    de: 'nationalen Patientenportal',
    es: 'portal nacional del paciente',
  },
];
const STANDARDS = ['HL7 FHIR', 'openEHR', 'IHE XDS', 'SNOMED CT', 'LOINC'];

/** Titles by template; each template is written in every language. */
const TITLES = {
  en: [
    (x) => `${x.brand}: ${x.service.en} for ${x.population.en} with ${x.condition.en}`,
    (x) => `${capitalise(x.service.en)} for ${x.condition.en} in ${x.place}`,
    (x) => `${capitalise(x.service.en)} for ${x.population.en} in ${x.place}`,
    (x) => `${x.brand} ${x.service.en} in ${x.place}`,
    (x) => `${capitalise(x.service.en)} and ${x.other.en} for ${x.condition.en}`,
  ],
  fr: [
    (x) => `${x.brand} : ${x.service.fr} pour ${x.population.fr} atteints de ${x.condition.fr}`,
    (x) => `${capitalise(x.service.fr)} pour ${x.condition.fr} à ${x.place}`,
    (x) => `${capitalise(x.service.fr)} pour ${x.population.fr} à ${x.place}`,
    (x) => `${x.brand} ${x.service.fr} à ${x.place}`,
    (x) => `${capitalise(x.service.fr)} et ${x.other.fr} pour ${x.condition.fr}`,
  ],
  de: [
    (x) => `${x.brand}: ${capitalise(x.service.de)} für ${x.population.de} mit ${x.condition.de}`,
    (x) => `${capitalise(x.service.de)} bei ${x.condition.de} in ${x.place}`,
    (x) => `${capitalise(x.service.de)} für ${x.population.de} in ${x.place}`,
    (x) => `${x.brand} ${x.service.de} in ${x.place}`,
    (x) => `${capitalise(x.service.de)} und ${x.other.de} bei ${x.condition.de}`,
  ],
  es: [
    (x) => `${x.brand}: ${x.service.es} para ${x.population.es} con ${x.condition.es}`,
    (x) => `${capitalise(x.service.es)} para ${x.condition.es} en ${x.place}`,
    (x) => `${capitalise(x.service.es)} para ${x.population.es} en ${x.place}`,
    (x) => `${x.brand} ${x.service.es} en ${x.place}`,
    (x) => `${capitalise(x.service.es)} y ${x.other.es} para ${x.condition.es}`,
  ],
};
const BRANDED = new Set([0, 3]);

/** Sentences of summaries (first three) and descriptions (the rest), in every language. */
const SENTENCES = {
  en: [
    (x) =>
      `${x.brand ?? 'The service'} offers ${x.service.en} to ${x.population.en} with ${x.condition.en} in ${x.place}.`,
    (x) => `${capitalise(x.population.en)} share ${x.measure.en} with their ${x.team.en} through a ${x.channel.en}.`,
    (x) => `The practice reduces ${x.outcome.en} and supports ${x.goal.en}.`,
    (x) => `It started in ${x.year} at ${x.starter.en} and now serves ${x.served} patients.`,
    (x) => `Data is exchanged with the ${x.system.en} using ${x.standard}.`,
    (x) => `An evaluation with ${x.evaluated} participants found ${x.percent}% fewer ${x.outcome.en}.`,
    (x) => `Staff receive ${x.hours} hours of training before using it.`,
  ],
  fr: [
    (x) =>
      `${x.brand ?? 'Le service'} propose ${x.service.fr} aux ${x.population.fr} atteints de ${x.condition.fr} à ${x.place}.`,
    (x) => `Les ${x.population.fr} partagent leurs ${x.measure.fr} avec leur ${x.team.fr} grâce à une ${x.channel.fr}.`,
    (x) => `La pratique réduit les ${x.outcome.fr} et favorise ${x.goal.fr}.`,
    (x) => `Elle a démarré en ${x.year} dans ${x.starter.fr} et suit aujourd’hui ${x.served} patients.`,
    (x) => `Les données sont échangées avec le ${x.system.fr} grâce à ${x.standard}.`,
    (x) => `Une évaluation auprès de ${x.evaluated} participants a montré ${x.percent} % de ${x.outcome.fr} en moins.`,
    (x) => `Le personnel suit ${x.hours} heures de formation avant de l’utiliser.`,
  ],
  de: [
    (x) =>
      `${x.brand ?? 'Der Dienst'} bietet ${x.service.de} für ${x.population.de} mit ${x.condition.de} in ${x.place}.`,
    (x) => `${capitalise(x.population.de)} teilen ${x.measure.de} mit ihrem ${x.team.de} über eine ${x.channel.de}.`,
    (x) => `Die Praxis verringert ${x.outcome.de} und unterstützt ${x.goal.de}.`,
    (x) => `Sie begann ${x.year} bei ${x.starter.de} und betreut heute ${x.served} Patienten.`,
    (x) => `Daten werden mit dem ${x.system.de} über ${x.standard} ausgetauscht.`,
    (x) => `Eine Evaluation mit ${x.evaluated} Teilnehmenden ergab ${x.percent} % weniger ${x.outcome.de}.`,
    (x) => `Das Personal erhält ${x.hours} Stunden Schulung vor dem Einsatz.`,
  ],
  es: [
    (x) =>
      `${x.brand ?? 'El servicio'} ofrece ${x.service.es} a ${x.population.es} con ${x.condition.es} en ${x.place}.`,
    (x) => `Los ${x.population.es} comparten ${x.measure.es} con su ${x.team.es} a través de una ${x.channel.es}.`,
    (x) => `La práctica reduce los ${x.outcome.es} y favorece ${x.goal.es}.`,
    (x) => `Comenzó en ${x.year} en ${x.starter.es} y hoy atiende a ${x.served} pacientes.`,
    (x) => `Los datos se intercambian con el ${x.system.es} mediante ${x.standard}.`,
    (x) => `Una evaluación con ${x.evaluated} participantes mostró un ${x.percent} % menos de ${x.outcome.es}.`,
    (x) => `El personal recibe ${x.hours} horas de formación antes de usarlo.`,
  ],
};

const codes = (list) => list.map((entry) => entry.code);
const CDHI = codes(practiceCodeLists.cdhiCodes);
const TOPICS = codes(practiceCodeLists.topics);
const GROUPS = codes(practiceCodeLists.targetGroups);
const SETTINGS = codes(practiceCodeLists.careSettings);
const TYPES = codes(practiceCodeLists.practiceTypes);
const MATURITY = codes(practiceCodeLists.maturityStages);
const CHALLENGES = codes(practiceCodeLists.healthSystemChallenges ?? []);
const SERVICE_TYPES = codes(practiceCodeLists.serviceTypes ?? []);
const known = (list, code) => (list.includes(code) ? code : pick(list));
// Each service has its own CDHI codes and type, so practices of one service look alike, as they do in a registry.
const SERVICE_CODES = SERVICES.map(() => ({ cdhi: shuffled(CDHI).slice(0, 3), type: pick(TYPES) }));
const OWNERS = Array.from({ length: 400 }, uuid);

/** One practice as what it is about; render() writes it in a language. */
function makePractice() {
  const serviceIndex = int(SERVICES.length);
  const service = SERVICES[serviceIndex];
  const template = int(TITLES.en.length);
  const condition = pick(CONDITIONS);
  const population = pick(POPULATIONS);
  const channel = pick(CHANNELS);
  const base = SERVICE_CODES[serviceIndex];
  const cdhi = shuffled(base.cdhi).slice(0, 1 + int(2));
  if (chance(0.3)) cdhi.push(pick(CDHI));
  const topics = [known(TOPICS, condition.topic)];
  if (chance(0.3)) topics.push(pick(TOPICS));
  const groups = [known(GROUPS, population.group)];
  if (chance(0.3)) groups.push(pick(GROUPS));
  const settings = [known(SETTINGS, channel.setting)];
  if (chance(0.3)) settings.push(pick(SETTINGS));
  const sentences = [0, 1, 2];
  if (chance(0.7)) sentences.push(...shuffled([3, 4, 5, 6]).slice(0, 2 + int(3)));
  return {
    id: uuid(),
    ownerId: pick(OWNERS),
    template,
    brand: BRANDED.has(template) || chance(0.3) ? `${pick(BRAND_STARTS)}${pick(BRAND_ENDS)}` : null,
    service,
    other: pick(SERVICES.filter((other) => other !== service)),
    condition,
    population,
    place: pick(PLACES),
    measure: pick(MEASURES),
    team: pick(TEAMS),
    channel,
    outcome: pick(OUTCOMES),
    goal: pick(GOALS),
    starter: pick(STARTERS),
    system: pick(SYSTEMS),
    standard: pick(STANDARDS),
    year: 2012 + int(13),
    served: 50 * (1 + int(200)),
    evaluated: 20 * (1 + int(60)),
    percent: 5 + int(40),
    hours: 2 + int(14),
    sentences,
    cdhiCodes: [...new Set(cdhi)],
    topics: [...new Set(topics)],
    targetGroups: [...new Set(groups)],
    careSettings: [...new Set(settings)],
    type: chance(0.7) ? base.type : pick(TYPES),
    maturity: pick(MATURITY),
    language: 'en',
    translations: chance(0.25) ? [pick(LANGUAGES)] : [],
    challenges: CHALLENGES.length > 0 ? [pick(CHALLENGES)] : [],
    serviceTypes: SERVICE_TYPES.length > 0 ? [pick(SERVICE_TYPES)] : [],
  };
}

function render(x, language) {
  const sentences = x.sentences.map((n) => SENTENCES[language][n](x));
  return {
    title: TITLES[language][x.template](x),
    summary: sentences.slice(0, 3).join(' '),
    description: sentences.length > 3 ? sentences.slice(3).join(' ') : null,
  };
}

/** The stored row of a practice: its English texts and its translations. */
function row(x) {
  const texts = render(x, 'en');
  return {
    id: x.id,
    ...texts,
    language: 'en',
    translations: x.translations.map((language) => ({ language, ...render(x, language) })),
    type: x.type,
    maturity: x.maturity,
    cdhi_codes: x.cdhiCodes,
    cdhi_codes_expanded: [...new Set(x.cdhiCodes.flatMap(ancestors))],
    topics: x.topics,
    target_groups: x.targetGroups,
    care_settings: x.careSettings,
    languages: ['en', ...x.translations],
    owner_id: x.ownerId,
    status: x.status ?? 'PUBLISHED',
    health_system_challenges: x.challenges,
    service_types: x.serviceTypes,
  };
}

function ancestors(code) {
  const parts = code.split('.');
  return parts.map((_, index) => parts.slice(0, index + 1).join('.'));
}

// Near-duplicates: how someone registering the same practice again writes it.
const SYNONYMS = [
  ['patients', 'people'],
  ['programme', 'program'],
  ['platform', 'portal'],
  ['offers', 'provides'],
  ['reduces', 'lowers'],
  ['supports', 'encourages'],
  ['older adults', 'elderly people'],
  ['remote', 'distance'],
  ['started', 'began'],
  ['found', 'showed'],
  ['fewer', 'less'],
  ['through a', 'via a'],
  ['Staff', 'Employees'],
  ['service', 'solution'],
];

function typo(text) {
  const words = text.split(' ');
  const long = words.map((word, index) => [word, index]).filter(([word]) => /^\p{L}{5,}$/u.test(word));
  if (long.length === 0) return text;
  const [word, index] = pick(long);
  const at = 1 + int(word.length - 2);
  const kind = int(3);
  words[index] =
    kind === 0
      ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
      : kind === 1
        ? word.slice(0, at) + word.slice(at + 1)
        : word.slice(0, at) + word[at] + word.slice(at);
  return words.join(' ');
}

function edited(text, typos) {
  if (!text) return text;
  let out = text;
  for (const [a, b] of shuffled(SYNONYMS)) {
    if (out.includes(a) && chance(0.5)) out = out.replace(a, b);
  }
  for (let i = 0; i < typos; i += 1) out = typo(out);
  return out;
}

const sentencesOf = (text) => text.match(/[^.]+\.(\s|$)/g)?.map((sentence) => sentence.trim()) ?? [text];
function reorderedSentences(text) {
  if (!text) return text;
  const sentences = sentencesOf(text);
  if (sentences.length < 2) return text;
  let order = shuffled(sentences);
  while (order.join(' ') === sentences.join(' ')) order = shuffled(sentences);
  return order.join(' ');
}

/** "A for B in C" becomes "B in C: A", "Brand: A for B" becomes "A for B – Brand". */
function reorderedTitle(title) {
  const colon = title.indexOf(': ');
  if (colon > 0) return `${capitalise(title.slice(colon + 2))} – ${title.slice(0, colon)}`;
  for (const joint of [' for ', ' in ', ' and ']) {
    const at = title.indexOf(joint);
    if (at > 0) return `${capitalise(title.slice(at + joint.length))}: ${title.slice(0, at).toLocaleLowerCase()}`;
  }
  return title.split(' ').reverse().join(' ');
}

function abbreviated(x, text) {
  if (!text) return text;
  let out = text;
  for (const entry of [x.service, x.condition, x.other]) {
    if (entry.abbr) out = out.replaceAll(entry.en, entry.abbr).replaceAll(capitalise(entry.en), entry.abbr);
  }
  return out;
}

function abbreviatedTitle(x, title) {
  const short = abbreviated(x, title);
  if (short !== title) return short;
  if (x.brand) return chance(0.5) ? x.brand : `${x.brand} ${x.service.en}`;
  // A shortened title: what comes before " for " or " in ".
  const cut = title.search(/ (for|in|and) /);
  return cut > 0 ? title.slice(0, cut) : title;
}

/** Slight disagreements in classification, as two people classify one practice. */
function reclassified(x) {
  const draft = {
    cdhiCodes: [...x.cdhiCodes],
    topics: [...x.topics],
    targetGroups: [...x.targetGroups],
    careSettings: [...x.careSettings],
    type: x.type,
    maturity: x.maturity,
  };
  if (chance(0.3)) {
    const change = int(4);
    if (change === 0 && draft.cdhiCodes.length > 1) draft.cdhiCodes.pop();
    else if (change === 1) draft.topics = [pick(TOPICS)];
    else if (change === 2) draft.targetGroups.push(pick(GROUPS.filter((g) => !draft.targetGroups.includes(g))));
    else {
      const at = MATURITY.indexOf(x.maturity);
      draft.maturity = MATURITY[at === MATURITY.length - 1 ? at - 1 : at + 1];
    }
  }
  return draft;
}

/** A draft of `x` made by `kind`; the original may gain a translation (the language the copy is written in). */
function duplicateOf(x, kind) {
  const texts = render(x, 'en');
  let draft;
  let variant = kind;
  if (kind === 'edited') {
    draft = {
      title: edited(texts.title, 1),
      summary: edited(texts.summary, 2),
      description: edited(texts.description, 2),
    };
  } else if (kind === 'reordered') {
    draft = {
      title: reorderedTitle(texts.title),
      summary: reorderedSentences(texts.summary),
      description: reorderedSentences(texts.description),
    };
  } else if (kind === 'translated') {
    // Half the originals already carry the copy's language among their translations; the other half share none.
    const language = pick(LANGUAGES);
    if (chance(0.5)) {
      if (!x.translations.includes(language)) x.translations = [...x.translations, language];
      variant = 'translated (original has it)';
    } else {
      x.translations = x.translations.filter((other) => other !== language);
      variant = 'translated (no shared language)';
    }
    const translated = render(x, language);
    draft = { title: edited(translated.title, 0), summary: translated.summary, description: translated.description };
  } else {
    const [first] = sentencesOf(texts.summary);
    draft = { title: abbreviatedTitle(x, texts.title), summary: abbreviated(x, first), description: null };
  }
  const sameOwner = chance(0.5);
  return {
    variant,
    draft: {
      ...Object.fromEntries(Object.entries(draft).filter(([, value]) => value)),
      ...reclassified(x),
      ...(sameOwner ? { ownerId: x.ownerId } : {}),
      first: ASKED,
    },
  };
}

function draftOf(x) {
  const texts = render(x, 'en');
  return {
    ...Object.fromEntries(Object.entries(texts).filter(([, value]) => value)),
    cdhiCodes: x.cdhiCodes,
    topics: x.topics,
    targetGroups: x.targetGroups,
    careSettings: x.careSettings,
    type: x.type,
    maturity: x.maturity,
    ownerId: x.ownerId,
    first: ASKED,
  };
}

/** One set-based insert per batch of rows, from a JSON array. */
async function insertPractices(sql, practices) {
  for (let from = 0; from < practices.length; from += BATCH) {
    const batch = practices.slice(from, from + BATCH).map(row);
    await sql(
      `insert into practice (id, title, summary, description, language, translations, type, maturity, cdhi_codes,
        cdhi_codes_expanded, topics, target_groups, care_settings, languages, countries, nuts, standards, owner_id,
        status, created_at, updated_at, published_at, health_system_challenges, service_types)
      select x.id, x.title, x.summary, x.description, x.language, x.translations, x.type, x.maturity, x.cdhi_codes,
        x.cdhi_codes_expanded, x.topics, x.target_groups, x.care_settings, x.languages, '{}', '{}', '{}', x.owner_id,
        x.status, now(), now(), case when x.status = 'PUBLISHED' then now() end, x.health_system_challenges,
        x.service_types
      from jsonb_to_recordset(?::jsonb) as x(id uuid, title text, summary text, description text, language text,
        translations jsonb, type text, maturity text, cdhi_codes text[], cdhi_codes_expanded text[], topics text[],
        target_groups text[], care_settings text[], languages text[], owner_id uuid, status text,
        health_system_challenges text[], service_types text[])`,
      [JSON.stringify(batch)],
    );
  }
}

/** An anonymous request's data, and whether the gateway answered it from its cache (`x-radar-cache: HIT`). */
async function request(url, query, variables) {
  const body = JSON.stringify({ query, variables });
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const answer = await response.json().catch(() => null);
  if (response.status !== 200 || answer?.errors || !answer?.data) {
    throw new Error(`bad answer (HTTP ${response.status}): ${JSON.stringify(answer).slice(0, 500)}`);
  }
  return { data: answer.data, hit: response.headers.get('x-radar-cache') === 'HIT' };
}

const ask = async (url, query, variables) => (await request(url, query, variables)).data;

const SIMILAR_TO_DRAFT = `query($input: SimilarPracticesInput!) { similarPractices(input: $input) {
  practice { id } score likelyDuplicate } }`;
const BUCKETS = ['1', '2', '3', '4-5', '6-10', 'none'];
const bucketOf = (rank) => (rank === 0 ? 'none' : rank <= 3 ? String(rank) : rank <= 5 ? '4-5' : '6-10');
const ratio = (a, b) => (b === 0 ? 1 : a / b);

async function quality(sql, url) {
  const loadStart = performance.now();
  const practices = Array.from({ length: practiceCount }, makePractice);
  const pairs = practices
    .slice(0, pairCount)
    .map((x, n) => ({ original: x, ...duplicateOf(x, KINDS[n % KINDS.length]) }));
  const negatives = Array.from({ length: Math.ceil(pairCount / 2) }, makePractice).map(draftOf);
  await insertPractices(sql, practices);
  await sql('analyze practice');
  console.log(
    `quality: ${practiceCount} practices (${pairCount} of them with a near-duplicate asked as a draft, ` +
      `${negatives.length} drafts of new practices with none), loaded in ${((performance.now() - loadStart) / 1000).toFixed(1)}s`,
  );

  const results = [];
  for (const pair of pairs) {
    const data = await ask(url, SIMILAR_TO_DRAFT, { input: pair.draft });
    const found = data.similarPractices;
    const at = found.findIndex((match) => match.practice.id === pair.original.id);
    const flagged = found.filter((match) => match.likelyDuplicate);
    results.push({
      variant: pair.variant,
      kind: pair.variant.split(' ')[0],
      rank: at + 1,
      truePositive: at >= 0 && found[at].likelyDuplicate ? 1 : 0,
      falsePositives: flagged.length - (at >= 0 && found[at].likelyDuplicate ? 1 : 0),
    });
  }
  let negativeFlags = 0;
  for (const draft of negatives) {
    const data = await ask(url, SIMILAR_TO_DRAFT, { input: draft });
    negativeFlags += data.similarPractices.filter((match) => match.likelyDuplicate).length;
  }

  const summarise = (name, group, extraFalse = 0) => {
    const n = group.length;
    const recallAt = (k) => group.filter((r) => r.rank > 0 && r.rank <= k).length / n;
    const tp = group.reduce((sum, r) => sum + r.truePositive, 0);
    const fp = group.reduce((sum, r) => sum + r.falsePositives, 0) + extraFalse;
    const buckets = BUCKETS.map((b) => group.filter((r) => bucketOf(r.rank) === b).length);
    return {
      cells: [
        name,
        n,
        recallAt(1).toFixed(3),
        recallAt(5).toFixed(3),
        ...buckets,
        fp,
        ratio(tp, tp + fp).toFixed(3),
        (tp / n).toFixed(3),
      ],
      recall5: recallAt(5),
      precision: ratio(tp, tp + fp),
    };
  };
  const variants = [...new Set(results.map((r) => r.variant))].sort();
  const lines = variants.map(
    (v) =>
      summarise(
        v,
        results.filter((r) => r.variant === v),
      ).cells,
  );
  const kinds = KINDS.filter((k) => results.some((r) => r.kind === k));
  for (const kind of kinds.filter((k) => results.filter((r) => r.kind === k).some((r) => r.variant !== k))) {
    lines.push(
      summarise(
        `${kind} (all)`,
        results.filter((r) => r.kind === kind),
      ).cells,
    );
  }
  const overall = summarise('overall (+ new drafts)', results, negativeFlags);
  lines.push(overall.cells);
  console.log(
    `\nrank of the original among similarPractices(first: ${ASKED}) of its near-duplicate, and likelyDuplicate`,
  );
  table(
    [
      'variant',
      'pairs',
      'recall@1',
      'recall@5',
      ...BUCKETS.map((b) => `#${b}`),
      'false dup',
      'dup precision',
      'dup recall',
    ],
    lines,
  );
  console.log(`false likelyDuplicate among the answers for the ${negatives.length} new drafts: ${negativeFlags}`);
  const met = overall.recall5 >= TARGET_RECALL_AT_5 && overall.precision >= TARGET_PRECISION;
  console.log(
    `overall recall@5 ${overall.recall5.toFixed(3)} at duplicate precision ${overall.precision.toFixed(3)} ` +
      `(target recall@5 ≥ ${TARGET_RECALL_AT_5} at precision ≥ ${TARGET_PRECISION}: ${met ? 'met' : 'not met'})`,
  );
  return practices.length;
}

const SIMILAR_TO = `query($id: UUID!) { practice(id: $id) { similar(first: 10) { practice { id title } score } } }`;
const SEARCH = `query($text: String!) { practices(filter: { text: $text }, first: 20) { totalCount nodes { id title } } }`;
/**
 * One text per search, of the kinds people type (a condition, a service, a place, an outcome, a brand, a condition in
 * French, a measure), each asked once as each practice's similar is: the gateway answers a repeated anonymous read from
 * its cache, which would time the cache against a ranking.
 */
function searchTerms(count) {
  const kinds = [
    (round) => CONDITIONS[round % CONDITIONS.length].en,
    (round) => SERVICES[round % SERVICES.length].en,
    (round) => PLACES[round % PLACES.length],
    (round) => OUTCOMES[round % OUTCOMES.length].en,
    (round) => `${BRAND_STARTS[round % BRAND_STARTS.length]}${BRAND_ENDS[round % BRAND_ENDS.length]}`,
    (round) => CONDITIONS[CONDITIONS.length - 1 - (round % CONDITIONS.length)].fr,
    (round) => MEASURES[round % MEASURES.length].en,
  ];
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length](Math.floor(i / kinds.length)));
}
/**
 * Seven texts asked in turn, so all but the first few are answered from the gateway cache: for comparison. Named, so
 * their cached answers are not those of the searches above that happen to ask the same text.
 */
const REPEATED_SEARCH = SEARCH.replace('query(', 'query Repeated(');
const REPEATED_TERMS = [
  'diabetes',
  'teleconsultation',
  'Porto',
  'remote monitoring',
  'readmissions',
  'CardioLink',
  'démence',
];

const NEEDS = 1_000;
const NEED_REQUESTS = 10;
const NEED_CANDIDATES = `query($id: UUID!) { need(id: $id) { candidates(first: 10) { practice { id title } score } } }`;
const COUNTRIES = ['PT', 'EE', 'AT', 'FR', 'BE', 'SE', 'IT', 'RO', 'LT', 'ES', 'DK', 'FI', 'CZ', 'SI', 'HU'];

/** Published, open needs of organisations, each about what a generated practice is about. */
async function insertNeeds(sql) {
  const needs = Array.from({ length: NEEDS }, () => {
    const x = makePractice();
    return {
      id: x.id,
      title: `Looking for ${x.service.en} for ${x.condition.en}`,
      description: render(x, 'en').summary,
      cdhi_codes: x.cdhiCodes,
      cdhi_codes_expanded: [...new Set(x.cdhiCodes.flatMap(ancestors))],
      health_system_challenges: x.challenges,
      service_types: x.serviceTypes,
      target_groups: x.targetGroups,
      care_settings: x.careSettings,
      country: pick(COUNTRIES),
      owner_id: x.ownerId,
    };
  });
  await sql(
    `insert into need (id, title, description, language, cdhi_codes, cdhi_codes_expanded, health_system_challenges,
      service_types, target_groups, care_settings, languages, country, owner_id, status, state, created_at, updated_at,
      published_at)
    select x.id, x.title, x.description, 'en', x.cdhi_codes, x.cdhi_codes_expanded, x.health_system_challenges,
      x.service_types, x.target_groups, x.care_settings, '{en}', x.country, x.owner_id, 'PUBLISHED', 'OPEN', now(),
      now(), now()
    from jsonb_to_recordset(?::jsonb) as x(id uuid, title text, description text, cdhi_codes text[],
      cdhi_codes_expanded text[], health_system_challenges text[], service_types text[], target_groups text[],
      care_settings text[], country text, owner_id uuid)
    on conflict (id) do nothing`,
    [JSON.stringify(needs)],
  );
  await sql('analyze need');
  return needs.map((need) => need.id);
}

/** Whether the committed supergraph has Need.candidates, which this bench would time next to Practice.similar. */
async function needCandidatesField() {
  const sdl = await readFile(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
  return /type Need\b[^}]*\bcandidates\b/s.test(sdl);
}

/** Stores the lists of the practices `ids`, ranked as a write ranks them; answers the ms each took on average. */
async function storeLists(stack, ids) {
  const start = performance.now();
  for (let from = 0; from < ids.length; from += 10) {
    await stack.practices.db.orm.em.fork().transactional((tx) => refreshSimilar(tx, ids.slice(from, from + 10)));
  }
  return (performance.now() - start) / Math.max(1, ids.length);
}

async function speed(stack, stored) {
  const { sql, url } = stack;
  const loadStart = performance.now();
  const [present] = await sql('select count(*)::int as rows from practice');
  const more = Math.max(0, speedCount - Math.max(stored, present.rows));
  for (let from = 0; from < more; from += BATCH * 4) {
    const practices = Array.from({ length: Math.min(BATCH * 4, more - from) }, () => {
      const x = makePractice();
      return chance(0.1) ? { ...x, status: 'DRAFT' } : x;
    });
    await insertPractices(sql, practices);
  }
  await sql('analyze practice');
  const [total] = await sql(
    "select count(*)::int as rows, count(*) filter (where status = 'PUBLISHED')::int as published from practice",
  );
  console.log(
    `\nspeed: ${total.rows} practices (${total.published} published), ${more} added in ${((performance.now() - loadStart) / 1000).toFixed(1)}s; ` +
      `${repeat} requests each (${WARMUP} warm-up), one at a time, in turn`,
  );
  // Two sets of published practices: one whose lists are stored, as every practice's is once written through the
  // API (the bench loads rows without it), and one without, which Practice.similar ranks afresh.
  const picked = (
    await sql(
      `select id from practice where status = 'PUBLISHED' order by md5(id::text) limit ${2 * (WARMUP + repeat)}`,
    )
  ).map((r) => r.id);
  const withList = picked.slice(0, WARMUP + repeat);
  const withoutList = picked.slice(WARMUP + repeat);
  await sql('delete from practice_similar_list where practice_id = any(?::uuid[])', [`{${withoutList.join(',')}}`]);
  const refreshMs = await storeLists(stack, withList);
  console.log(
    `stored the lists of ${withList.length} practices, ${refreshMs.toFixed(0)} ms each (what a write adds for its practice)`,
  );
  const withNeeds = await needCandidatesField();
  const needIds = withNeeds ? await insertNeeds(sql) : [];
  const terms = searchTerms(WARMUP + repeat);
  const fromList = [];
  const afresh = [];
  const search = [];
  const repeated = [];
  const hits = { fromList: 0, afresh: 0, search: 0, repeated: 0 };
  for (let i = 0; i < WARMUP + repeat; i += 1) {
    const a = await timed(() => request(url, SIMILAR_TO, { id: withList[i] }));
    const b = await timed(() => request(url, SEARCH, { text: terms[i] }));
    const c = await timed(() => request(url, SIMILAR_TO, { id: withoutList[i] }));
    const d = await timed(() => request(url, REPEATED_SEARCH, { text: REPEATED_TERMS[i % REPEATED_TERMS.length] }));
    for (const [answer, id] of [
      [a, withList[i]],
      [c, withoutList[i]],
    ]) {
      if (!answer.result.data.practice || answer.result.data.practice.similar.length === 0) {
        throw new Error(`no similar practice for ${id}`);
      }
    }
    if (i < WARMUP) continue;
    fromList.push(a.ms);
    search.push(b.ms);
    afresh.push(c.ms);
    repeated.push(d.ms);
    hits.fromList += a.result.hit ? 1 : 0;
    hits.search += b.result.hit ? 1 : 0;
    hits.afresh += c.result.hit ? 1 : 0;
    hits.repeated += d.result.hit ? 1 : 0;
  }
  // Timed after, fewer times, and given up at the first failure, so a slow ranking cannot stall the run.
  const candidates = [];
  let needFailure = null;
  for (let i = 0; withNeeds && i < 2 + Math.min(repeat, NEED_REQUESTS); i += 1) {
    const needId = needIds[i % needIds.length];
    try {
      const c = await timed(() => ask(url, NEED_CANDIDATES, { id: needId }));
      if (!c.result.need) throw new Error(`need ${needId} not found`);
      if (i >= 2) candidates.push(c.ms);
    } catch (error) {
      needFailure = `request ${i + 1} failed: ${error instanceof Error ? error.message.slice(0, 300) : error}`;
      break;
    }
  }
  const rows = [
    ['Practice.similar(first: 10), stored list', percentile(fromList, 0.5), percentile(fromList, 0.9), hits.fromList],
    ['Practice.similar(first: 10), ranked afresh', percentile(afresh, 0.5), percentile(afresh, 0.9), hits.afresh],
    ...(withNeeds && !needFailure
      ? [[`Need.candidates(first: 10), ${NEEDS} needs`, percentile(candidates, 0.5), percentile(candidates, 0.9), '-']]
      : []),
    [
      `practices(filter: { text }), ${new Set(terms).size} terms`,
      percentile(search, 0.5),
      percentile(search, 0.9),
      hits.search,
    ],
  ];
  const cached = [
    `practices(filter: { text }), ${REPEATED_TERMS.length} terms repeated`,
    percentile(repeated, 0.5),
    percentile(repeated, 0.9),
    hits.repeated,
  ];
  table(
    ['request (through the gateway)', 'p50 ms', 'p90 ms', 'cache hits'],
    [...rows, cached].map(([n, p50, p90, hit]) => [n, p50.toFixed(1), p90.toFixed(1), hit]),
  );
  const searchP50 = rows[rows.length - 1][1];
  for (const [name, p50] of rows.slice(0, -1)) {
    const ratio = p50 / searchP50;
    const verdict = ratio <= TARGET_SPEED_RATIO ? 'met' : 'not met';
    const target = name.includes('afresh') ? 'for comparison' : `target ≤ ${TARGET_SPEED_RATIO}×: ${verdict}`;
    console.log(`${name.replace('(first: 10)', '')} p50 / text search p50: ${ratio.toFixed(2)}× (${target})`);
  }
  console.log(
    `Practice.similar, stored list p50 / repeated (cached) text search p50: ${(rows[0][1] / cached[1]).toFixed(2)}× (for comparison)`,
  );
  if (!withNeeds) console.log('Need.candidates: not in this supergraph (no Need type with candidates), not timed');
  if (needFailure) console.log(`Need.candidates(first: 10) over ${NEEDS} needs: not timed, ${needFailure}`);
}

// --reuse names the databases a --keep run left (radar_benchXXXX), to time them again without loading anything.
const env = benchEnv(flags['node-env'], flags.reuse);
const stack = practicesStack(env);
let exitCode = 0;
const started = performance.now();
try {
  await stack.start({ seedOrganisations: true });
  const kept = flags.keep ? ` (kept: ${env.DATABASE_PREFIX}_practices)` : '';
  const load = loadavg().map((n) => n.toFixed(1));
  console.log(
    `\n${databaseLabel(env)}${kept}, NODE_ENV=${env.NODE_ENV}, seed ${flags.seed}, ${cpus().length} cores, load average ${load.join(' ')}`,
  );
  let stored = 0;
  if (only !== 'speed') stored = await quality(stack.sql, stack.url);
  if (only !== 'quality') await speed(stack, stored);
  console.log(
    `\nfinished in ${((performance.now() - started) / 1000).toFixed(0)}s; load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.stack : error);
  exitCode = 1;
} finally {
  await stack.stop({ keep: flags.keep || Boolean(flags.reuse) });
}
process.exit(exitCode);
