// WHO's Classification of Digital Interventions, Services and Applications in Health (CDISAH), 2nd edition, 2023
// (ISBN 978-92-4-008194-9), © World Health Organization 2023, licensed CC BY-NC-SA 3.0 IGO: its three axes as
// RADAR's code lists, read from the CodeSystems WHO publishes (CDHIv2, CDSCv2) and from the classification's list
// of health system challenges. This file is the one source of these codes: validation, GraphQL, SKOS and the ontology
// all read it.
import type { CodeListEntry } from '@radar/common';

/** Where the three WHO lists come from and on what terms RADAR republishes them: WHO's licence, not RADAR's. */
export const whoClassificationSource = {
  /** WHO's publication in its repository (IRIS), as WHO cites it. */
  source: 'https://iris.who.int/handle/10665/373581',
  rightsHolder: 'https://www.who.int/',
  rightsHolderName: 'World Health Organization',
  license: 'https://creativecommons.org/licenses/by-nc-sa/3.0/igo/',
  attribution:
    'Adapted from: Classification of digital interventions, services and applications in health: a shared language to describe the uses of digital technology for health, 2nd ed. Geneva: World Health Organization; 2023 (ISBN 978-92-4-008194-9). \u00a9 World Health Organization 2023. Licence: CC BY-NC-SA 3.0 IGO. WHO does not endorse RADAR or this adaptation.',
} as const;

/** The digital health interventions axis (CodeSystem CDHIv2, version 2.0.0): four groups, their interventions and
 * sub-interventions; a code's parent is the code without its last part (2.4.1 → 2.4). */
export const whoInterventions = [
  { code: '1', label: 'Persons' },
  { code: '1.1', parent: '1', label: 'Targeted communication to Persons' },
  { code: '1.1.1', parent: '1.1', label: 'Transmit health event alerts to specific population group(s)' },
  {
    code: '1.1.2',
    parent: '1.1',
    label: 'Transmit targeted health information to person(s) based on health status or demographics',
  },
  { code: '1.1.3', parent: '1.1', label: 'Transmit targeted alerts and reminders to person(s)' },
  { code: '1.1.4', parent: '1.1', label: 'Transmit diagnostics result, or availability of result, to person(s)' },
  { code: '1.2', parent: '1', label: 'Untargeted communication to Persons' },
  { code: '1.2.1', parent: '1.2', label: 'Transmit untargeted health information to an undefined population' },
  { code: '1.2.2', parent: '1.2', label: 'Transmit untargeted health event alerts to undefined group' },
  { code: '1.3', parent: '1', label: 'Person to Person communication' },
  { code: '1.3.1', parent: '1.3', label: 'Peer group for individuals' },
  { code: '1.4', parent: '1', label: 'Personal health tracking' },
  { code: '1.4.1', parent: '1.4', label: 'Access by the individual to own medical or summary health records' },
  { code: '1.4.2', parent: '1.4', label: 'Self monitoring of health or diagnostic data by the individual' },
  { code: '1.4.3', parent: '1.4', label: 'Active data capture/documentation by an individual' },
  {
    code: '1.4.4',
    parent: '1.4',
    label: 'Access by the individual to verifiable documentation of a health event or health status',
  },
  { code: '1.5', parent: '1', label: 'Person based reporting' },
  { code: '1.5.1', parent: '1.5', label: 'Reporting of health system feedback by persons' },
  { code: '1.5.2', parent: '1.5', label: 'Reporting of public health events by persons' },
  { code: '1.6', parent: '1', label: 'On demand communication with persons' },
  { code: '1.6.1', parent: '1.6', label: 'Look-up of information on health and health services by individuals' },
  { code: '1.6.2', parent: '1.6', label: 'Simulated human-like conversations with individual(s)' },
  { code: '1.7', parent: '1', label: 'Person-centred financial transactions' },
  { code: '1.7.1', parent: '1.7', label: 'Transmit or manage out-of-pocket payments by individuals' },
  { code: '1.7.2', parent: '1.7', label: 'Transmit or manage vouchers to individuals for health services' },
  { code: '1.7.3', parent: '1.7', label: 'Transmit or manage incentives to individuals for health services' },
  { code: '1.8', parent: '1', label: 'Person-centred consent management' },
  { code: '1.8.1', parent: '1.8', label: 'Manage provision and withdrawal of consent by individuals' },
  { code: '2', label: 'Healthcare providers' },
  { code: '2.1', parent: '2', label: 'Identification and registration of persons' },
  { code: '2.1.1', parent: '2.1', label: "Verify a person's unique identity" },
  { code: '2.1.2', parent: '2.1', label: 'Enrol person(s) for health services/clinical care plan' },
  { code: '2.2', parent: '2', label: 'Person-centred health records' },
  { code: '2.2.1', parent: '2.2', label: "Longitudinal tracking of person's health status and services" },
  { code: '2.2.2', parent: '2.2', label: 'Manage person-centred structured clinical records' },
  {
    code: '2.2.3',
    parent: '2.2',
    label: 'Manage person-centred unstructured clinical records (e.g. notes, images, documents)',
  },
  { code: '2.2.4', parent: '2.2', label: 'Routine health indicator data collection and management' },
  { code: '2.3', parent: '2', label: 'Healthcare provider decision support' },
  { code: '2.3.1', parent: '2.3', label: 'Provide prompts and alerts based according to protocol' },
  { code: '2.3.2', parent: '2.3', label: 'Provide checklist according to protocol' },
  { code: '2.3.3', parent: '2.3', label: 'Screen persons by risk or other health status' },
  { code: '2.4', parent: '2', label: 'Telemedicine' },
  { code: '2.4.1', parent: '2.4', label: 'Consultations between remote person and healthcare provider' },
  { code: '2.4.2', parent: '2.4', label: "Remote monitoring of person's health or diagnostic data by provider" },
  {
    code: '2.4.3',
    parent: '2.4',
    label: 'Transmission of medical data (e.g. images, notes, and videos) to healthcare provider',
  },
  { code: '2.4.4', parent: '2.4', label: 'Consultations for case management between healthcare providers' },
  { code: '2.5', parent: '2', label: 'Healthcare provider communication' },
  { code: '2.5.1', parent: '2.5', label: 'Communication from healthcare provider to supervisor(s)' },
  { code: '2.5.2', parent: '2.5', label: 'Communication and performance feedback to healthcare provider(s)' },
  { code: '2.5.3', parent: '2.5', label: 'Transmit routine news and workflow notifications to healthcare provider(s)' },
  { code: '2.5.4', parent: '2.5', label: 'Transmit non-routine health event alerts to healthcare provider(s)' },
  { code: '2.5.5', parent: '2.5', label: 'Peer group for healthcare providers' },
  { code: '2.5.6', parent: '2.5', label: 'Generative AI for tailored content creation' },
  { code: '2.6', parent: '2', label: 'Referral coordination' },
  { code: '2.6.1', parent: '2.6', label: 'Coordinate emergency response and transport' },
  { code: '2.6.2', parent: '2.6', label: 'Manage referrals between points of service within health sector' },
  {
    code: '2.6.3',
    parent: '2.6',
    label:
      'Manage referrals between health and other sectors (social services, police, justice, economic support schemes)',
  },
  { code: '2.7', parent: '2', label: 'Scheduling and activity planning for healthcare providers' },
  { code: '2.7.1', parent: '2.7', label: 'Identify persons in need of services' },
  { code: '2.7.2', parent: '2.7', label: "Schedule healthcare provider's activities" },
  { code: '2.8', parent: '2', label: 'Healthcare provider training' },
  { code: '2.8.1', parent: '2.8', label: 'Provide training content to healthcare provider(s)' },
  { code: '2.8.2', parent: '2.8', label: 'Assess capacity of healthcare provider(s)' },
  { code: '2.9', parent: '2', label: 'Prescription and medication management' },
  { code: '2.9.1', parent: '2.9', label: 'Transmit or track prescription orders' },
  { code: '2.9.2', parent: '2.9', label: "Track individual's medication consumption" },
  { code: '2.9.3', parent: '2.9', label: 'Report adverse drug effects' },
  { code: '2.10', parent: '2', label: 'Laboratory and diagnostics imaging management' },
  { code: '2.10.1', parent: '2.10', label: "Transmit person's diagnostic result to healthcare provider" },
  { code: '2.10.2', parent: '2.10', label: 'Transmit and track diagnostic orders' },
  { code: '2.10.3', parent: '2.10', label: 'Capture diagnostic results from digital devices' },
  { code: '2.10.4', parent: '2.10', label: 'Track biological specimens' },
  { code: '2.11', parent: '2', label: 'Healthcare provider financial transactions' },
  { code: '2.11.1', parent: '2.11', label: "Verify individual's health coverage and financing scheme membership" },
  { code: '2.11.2', parent: '2.11', label: 'Receive payments from individuals' },
  { code: '3', label: 'Health management and support personnel' },
  { code: '3.1', parent: '3', label: 'Human resource management' },
  { code: '3.1.1', parent: '3.1', label: 'List health workforce cadres and related identification information' },
  { code: '3.1.2', parent: '3.1', label: 'Monitor performance of healthcare provider(s)' },
  { code: '3.1.3', parent: '3.1', label: 'Manage registration/certification of healthcare provider(s)' },
  { code: '3.1.4', parent: '3.1', label: 'Record training credentials of healthcare provider(s)' },
  { code: '3.1.5', parent: '3.1', label: 'Manage health workforce activities' },
  { code: '3.2', parent: '3', label: 'Supply chain management' },
  { code: '3.2.1', parent: '3.2', label: 'Manage inventory and distribution of health commodities' },
  { code: '3.2.2', parent: '3.2', label: 'Notify stock levels of health commodities' },
  { code: '3.2.3', parent: '3.2', label: 'Monitor cold-chain sensitive commodities' },
  { code: '3.2.4', parent: '3.2', label: 'Register licensed drugs and health commodities' },
  { code: '3.2.5', parent: '3.2', label: 'Manage procurement of commodities' },
  { code: '3.2.6', parent: '3.2', label: 'Report counterfeit or substandard drugs by persons' },
  { code: '3.3', parent: '3', label: 'Public health event notification' },
  { code: '3.3.1', parent: '3.3', label: 'Notification of public health events from point of diagnosis' },
  { code: '3.4', parent: '3', label: 'Civil Registration and Vital Statistics (CRVS)' },
  { code: '3.4.1', parent: '3.4', label: 'Notify, register and certify birth event' },
  { code: '3.4.2', parent: '3.4', label: 'Notify, register and certify death event' },
  { code: '3.5', parent: '3', label: 'Health system financial management' },
  { code: '3.5.1', parent: '3.5', label: 'Register and verify health coverage scheme membership of persons' },
  { code: '3.5.2', parent: '3.5', label: 'Track and manage insurance billing and claims processes' },
  { code: '3.5.3', parent: '3.5', label: 'Transmit and manage payments to health facilities' },
  { code: '3.5.4', parent: '3.5', label: 'Transmit and manage routine payroll payment to healthcare provider(s)' },
  { code: '3.5.5', parent: '3.5', label: 'Transmit or manage financial incentives to healthcare provider(s)' },
  { code: '3.5.6', parent: '3.5', label: 'Manage and plan budget allocations, revenue and expenditures' },
  { code: '3.5.7', parent: '3.5', label: 'Determine level of subsidies for health coverage schemes' },
  { code: '3.5.8', parent: '3.5', label: 'Collect health insurance contributions' },
  { code: '3.6', parent: '3', label: 'Equipment and asset management' },
  { code: '3.6.1', parent: '3.6', label: 'Monitor status and maintenance of health equipment' },
  { code: '3.6.2', parent: '3.6', label: 'Track regulation and licensing of medical equipment' },
  { code: '3.7', parent: '3', label: 'Facility management' },
  { code: '3.7.1', parent: '3.7', label: 'List health facilities and related information' },
  { code: '3.7.2', parent: '3.7', label: 'Assess health facilities' },
  { code: '3.8', parent: '3', label: 'Person-centred health certificate management' },
  { code: '3.8.1', parent: '3.8', label: 'Register and store current health certificate information' },
  { code: '3.8.2', parent: '3.8', label: 'Retrieve and validate current health certificate information' },
  { code: '3.8.3', parent: '3.8', label: 'Revoke and update health certificate' },
  { code: '4', label: 'Data services' },
  { code: '4.1', parent: '4', label: 'Data Management' },
  { code: '4.1.1', parent: '4.1', label: 'Form creation for data acquisition' },
  { code: '4.1.2', parent: '4.1', label: 'Data storage and aggregation' },
  { code: '4.1.3', parent: '4.1', label: 'Data synthesis and visualizations' },
  {
    code: '4.1.4',
    parent: '4.1',
    label: 'Automated analysis of data to generate new information or predictions on future events',
  },
  { code: '4.2', parent: '4', label: 'Data coding' },
  { code: '4.2.1', parent: '4.2', label: 'Parse unstructured data into structured data' },
  { code: '4.2.2', parent: '4.2', label: 'Merge, de-duplicate and curate coded datasets or terminologies' },
  { code: '4.2.3', parent: '4.2', label: 'Classify disease codes or cause of mortality' },
  { code: '4.3', parent: '4', label: 'Geo spatial information management' },
  { code: '4.3.1', parent: '4.3', label: 'Map location of health facilities/structures and households' },
  { code: '4.3.2', parent: '4.3', label: 'Map location of health event' },
  { code: '4.3.3', parent: '4.3', label: 'Map location of persons and settlements' },
  { code: '4.3.4', parent: '4.3', label: 'Map location of healthcare provider(s)' },
  { code: '4.3.5', parent: '4.3', label: 'Map health and health indicator data to geographic data' },
  { code: '4.4', parent: '4', label: 'Data exchange and Interoperability' },
  { code: '4.4.1', parent: '4.4', label: 'Point-to-point data integration' },
  { code: '4.4.2', parent: '4.4', label: 'Standards-compliant interoperability' },
  { code: '4.4.3', parent: '4.4', label: 'Message routing' },
  { code: '4.5', parent: '4', label: 'Data governance compliance' },
  { code: '4.5.1', parent: '4.5', label: 'Authentication and authorisation' },
  { code: '4.5.2', parent: '4.5', label: 'Data privacy protection' },
  { code: '4.5.3', parent: '4.5', label: 'Data consent and provenance' },
  { code: '4.5.4', parent: '4.5', label: 'Trust architecture' },
] as const satisfies readonly CodeListEntry[];

/** The health system challenges axis: nine groups and their challenges, named as the classification lists them. The
 * numbers are RADAR's (group, then place in the group, in the classification's order), not codes WHO publishes. */
export const whoHealthSystemChallenges = [
  { code: '1', label: 'Information' },
  { code: '1.1', parent: '1', label: 'Lack of population denominator' },
  { code: '1.2', parent: '1', label: 'Delayed reporting of events' },
  { code: '1.3', parent: '1', label: 'Lack of quality/reliable data' },
  { code: '1.4', parent: '1', label: 'Communication roadblocks' },
  { code: '1.5', parent: '1', label: 'Lack of access information or data (including disaggregated data)' },
  { code: '1.6', parent: '1', label: 'Insufficient utilization of data and information' },
  { code: '1.7', parent: '1', label: 'Lack of unique identifier' },
  { code: '2', label: 'Availability' },
  { code: '2.1', parent: '2', label: 'Insufficient supply of commodities' },
  { code: '2.2', parent: '2', label: 'Insufficient supply of services' },
  { code: '2.3', parent: '2', label: 'Insufficient supply of equipment' },
  { code: '2.4', parent: '2', label: 'Insufficient supply of qualified health workers' },
  { code: '3', label: 'Quality' },
  { code: '3.1', parent: '3', label: 'Poor patient experience' },
  { code: '3.2', parent: '3', label: 'Insufficient health worker competence' },
  { code: '3.3', parent: '3', label: 'Low quality of health commodities' },
  { code: '3.4', parent: '3', label: 'Low health worker motivation' },
  { code: '3.5', parent: '3', label: 'Insufficient continuity of care' },
  { code: '3.6', parent: '3', label: 'Inadequate supportive supervision' },
  { code: '3.7', parent: '3', label: 'Poor adherence to evidence- based standards, guidelines and protocols' },
  { code: '3.8', parent: '3', label: 'Inadequate identification and management of risks' },
  { code: '4', label: 'Acceptability' },
  { code: '4.1', parent: '4', label: 'Lack of alignment with local norms' },
  { code: '4.2', parent: '4', label: 'Not addressing individual beliefs and practices' },
  { code: '5', label: 'Utilization' },
  { code: '5.1', parent: '5', label: 'Low demand for services' },
  { code: '5.2', parent: '5', label: 'Geographical inaccessibility' },
  { code: '5.3', parent: '5', label: 'Low adherence to treatment' },
  { code: '5.4', parent: '5', label: 'Loss to follow up' },
  { code: '6', label: 'Efficiency' },
  { code: '6.1', parent: '6', label: 'Inadequate workflow management' },
  { code: '6.2', parent: '6', label: 'Lack of or inappropriate referrals' },
  { code: '6.3', parent: '6', label: 'Poor planning and coordination' },
  { code: '6.4', parent: '6', label: 'Delayed provision of care' },
  { code: '6.5', parent: '6', label: 'Inadequate access to transportation and other health services' },
  { code: '6.6', parent: '6', label: 'Burden of manual processes' },
  { code: '7', label: 'Cost' },
  { code: '7.1', parent: '7', label: 'Lack of effective and equitable resource allocation' },
  { code: '7.2', parent: '7', label: 'Catastrophic health expenditure' },
  { code: '7.3', parent: '7', label: 'Lack of coordinated payer mechanism' },
  { code: '7.4', parent: '7', label: 'Lack of financial protection for persons' },
  { code: '8', label: 'Accountability' },
  { code: '8.1', parent: '8', label: 'Insufficient person(s) and community engagement' },
  { code: '8.2', parent: '8', label: 'Unaware of service entitlement' },
  { code: '8.3', parent: '8', label: 'Absence of community feedback mechanisms' },
  { code: '8.4', parent: '8', label: 'Lack of transparency in commodity transactions' },
  { code: '8.5', parent: '8', label: 'Poor accountability between the levels of the health sector' },
  { code: '8.6', parent: '8', label: 'Inadequate understanding of beneficiary populations' },
  { code: '9', label: 'Equity' },
  { code: '9.1', parent: '9', label: 'Inadequate literacy' },
  { code: '9.2', parent: '9', label: 'Inadequate representation' },
] as const satisfies readonly CodeListEntry[];

/** The services and applications axis (CodeSystem CDSCv2, version 2.0.0): five groups (A–E) and their types. */
export const whoServiceTypes = [
  {
    code: 'A',
    label: 'Point of service',
    definition:
      'Systems that facilitate the provision and delivery of healthcare services to persons at the point of care.',
  },
  {
    code: 'A1',
    parent: 'A',
    label: 'Communication systems',
    definition:
      'Systems that are used to transfer electronic information. Messages can be exchanged between healthcare providers or between healthcare providers and persons.',
  },
  {
    code: 'A2',
    parent: 'A',
    label: 'Community-based information systems',
    definition:
      'Applications that facilitate data collection and use at the community level, utilised by community-based workers who provide health promotion and disease prevention activities.',
  },
  {
    code: 'A3',
    parent: 'A',
    label: 'Decision support systems',
    definition:
      'Computer based tools which combine medical information databases and algorithms with patient specific data, intended to provide healthcare professionals and/or users with recommendations for diagnosis, prognosis, monitoring and treatment.',
  },
  {
    code: 'A4',
    parent: 'A',
    label: 'Diagnostics information systems',
    definition:
      'Systems for diagnostic applications found in devices (software in a medical device), wearables that collect health data, radiology information systems, medical imaging systems, and picture archiving and communication systems (PACS).',
  },
  {
    code: 'A5',
    parent: 'A',
    label: 'Electronic medical record systems',
    definition:
      "A secure, online system that holds information about people's health and clinical care, managed by healthcare providers. Also known as electronic health record (EHR).",
  },
  {
    code: 'A6',
    parent: 'A',
    label: 'Laboratory information systems',
    definition:
      'Systems that support the process from patient sample to patient result, including lab requests/test ordering, sample tracking and processing, and results reporting.',
  },
  {
    code: 'A7',
    parent: 'A',
    label: 'Personal health records',
    definition:
      "A digital personal health record is a record of an individual's health information in a structured digital format, over which the person has agency.",
  },
  {
    code: 'A8',
    parent: 'A',
    label: 'Pharmacy information systems',
    definition: 'Systems that manage prescriptions, dispensing, stock and billing for medicines and health products.',
  },
  {
    code: 'A9',
    parent: 'A',
    label: 'Telehealth systems',
    definition:
      'Systems that enable remote clinical consultation, monitoring and diagnosis between persons and healthcare providers at a distance.',
  },
  {
    code: 'B',
    label: 'Health system/Provider administration',
    definition:
      'Systems that support the administrative and managerial functions of health systems and healthcare organisations.',
  },
  {
    code: 'B1',
    parent: 'B',
    label: 'Blood bank information management systems',
    definition:
      'Systems for managing the collection, testing, processing, storage, and distribution of blood and blood products.',
  },
  {
    code: 'B2',
    parent: 'B',
    label: 'Health finance-related information systems',
    definition:
      'Systems that manage health financing, insurance enrolment, claims, billing, reimbursement, and budgeting.',
  },
  {
    code: 'B3',
    parent: 'B',
    label: 'Health program monitoring systems',
    definition:
      'Systems used to collect and analyse aggregate health data for programme planning, monitoring and evaluation.',
  },
  {
    code: 'B4',
    parent: 'B',
    label: 'Human resource information systems',
    definition:
      'Systems for managing health workforce data including cadres, deployment, credentials, performance and payroll.',
  },
  {
    code: 'B5',
    parent: 'B',
    label: 'Learning and training systems',
    definition:
      'Systems for delivering, tracking, and assessing training and professional development of health workers.',
  },
  {
    code: 'B6',
    parent: 'B',
    label: 'Logistics management information systems (LMIS)',
    definition: 'Systems for managing the health supply chain from forecasting to distribution and stock monitoring.',
  },
  {
    code: 'B7',
    parent: 'B',
    label: 'Patient Administration systems',
    definition:
      'Systems that manage patient administrative information including admissions, discharges, transfers, appointments and billing.',
  },
  {
    code: 'B8',
    parent: 'B',
    label: 'Research information systems',
    definition:
      'Systems that support the design, conduct, data management and reporting of health research and clinical trials.',
  },
  {
    code: 'C',
    label: 'Registries and Directories',
    definition:
      'Systems that create, maintain, and provide authoritative master records for persons, providers, facilities, products and health events.',
  },
  {
    code: 'C1',
    parent: 'C',
    label: 'Census and population information systems',
    definition:
      'Systems that collect, store, and manage population-level demographic data including census information.',
  },
  {
    code: 'C2',
    parent: 'C',
    label: 'Civil registration and vital statistics (CRVS) systems',
    definition:
      'Systems that register and certify vital events such as births, deaths, marriages and their underlying causes.',
  },
  {
    code: 'C3',
    parent: 'C',
    label: 'Facility management information systems',
    definition:
      'Systems for managing health facility information, infrastructure, equipment, capacity and assessments.',
  },
  {
    code: 'C4',
    parent: 'C',
    label: '(Health) Facility registries',
    definition:
      'Master lists of health facilities with unique identifiers, locations, services offered, and operational information.',
  },
  {
    code: 'C5',
    parent: 'C',
    label: 'Health worker registry',
    definition:
      'Systems maintaining authoritative directories of health workforce cadres, credentials, and deployment information.',
  },
  {
    code: 'C6',
    parent: 'C',
    label: 'Identification registries and directories',
    definition:
      'Systems that create, maintain, and verify unique identities for persons, healthcare providers, and other health actors.',
  },
  {
    code: 'C7',
    parent: 'C',
    label: 'Immunization information systems',
    definition:
      'Systems for recording, tracking, and reporting individual and population-level immunization history and coverage.',
  },
  {
    code: 'C8',
    parent: 'C',
    label: 'Master patient index',
    definition:
      'Systems that uniquely identify and link patient records across multiple health information systems and facilities.',
  },
  {
    code: 'C9',
    parent: 'C',
    label: 'Product catalogues',
    definition:
      'Systems that maintain authoritative lists of approved health commodities, medicines, devices and equipment.',
  },
  {
    code: 'C10',
    parent: 'C',
    label: 'Public Key directories',
    definition:
      'Systems that manage and distribute public cryptographic keys to support digital signature and identity verification.',
  },
  {
    code: 'C11',
    parent: 'C',
    label: 'Terminology and classification systems',
    definition:
      'Systems for managing and applying standardised clinical terminologies, ontologies, and health classifications.',
  },
  {
    code: 'D',
    label: 'Data Management services',
    definition:
      'Services and systems that support the collection, aggregation, storage, analysis, and exchange of health data.',
  },
  {
    code: 'D1',
    parent: 'D',
    label: 'Analytics Systems',
    definition:
      'Systems that process and analyse health data to produce insights, dashboards, reports and predictive models.',
  },
  {
    code: 'D2',
    parent: 'D',
    label: 'Data interchange and interoperability',
    definition:
      'Systems and standards that enable health data exchange between disparate systems, including APIs, messaging standards, and interoperability platforms.',
  },
  {
    code: 'D3',
    parent: 'D',
    label: 'Data warehouses',
    definition:
      'Systems that consolidate and store large volumes of historical health data from multiple sources for analysis and reporting.',
  },
  {
    code: 'D4',
    parent: 'D',
    label: 'Environmental monitoring systems',
    definition:
      'Systems that monitor environmental determinants of health such as air quality, water safety and vector habitats.',
  },
  {
    code: 'D5',
    parent: 'D',
    label: 'Geographic information systems (GIS)',
    definition:
      'Systems that capture, analyse and visualise geospatial health data for mapping health events, facilities, and populations.',
  },
  {
    code: 'D6',
    parent: 'D',
    label: 'Health Management Information systems (HMIS)',
    definition:
      'Systems for aggregate health data reporting, target-setting, and programme monitoring, typically at district and national levels.',
  },
  {
    code: 'D7',
    parent: 'D',
    label: 'Knowledge management systems',
    definition:
      'Systems for curating, organising and disseminating clinical guidelines, protocols, and health knowledge resources.',
  },
  {
    code: 'D8',
    parent: 'D',
    label: 'Shared Health Record and Health Information Repository',
    definition: 'Systems that aggregate and share longitudinal health records across facilities and providers.',
  },
  {
    code: 'E',
    label: 'Surveillance and Response',
    definition:
      'Systems that support the detection, monitoring, and response to disease outbreaks and public health threats.',
  },
  {
    code: 'E1',
    parent: 'E',
    label: 'Emergency preparedness and response systems',
    definition:
      'Systems that coordinate emergency medical services, disaster preparedness, and mass casualty management.',
  },
  {
    code: 'E2',
    parent: 'E',
    label: 'Public health and disease surveillance systems',
    definition:
      'Systems for detecting, monitoring, investigating and responding to disease outbreaks and public health threats.',
  },
] as const satisfies readonly CodeListEntry[];
