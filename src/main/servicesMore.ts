/**
 * The services beyond the core of services.ts (accounts, incoming, search, capture): outgoing
 * documents and signing, workflow, reports, the archive, citizens' letters and interchange.
 * A module of their own so that a command needing only the core (`vanthu search`, `vanthu
 * incoming add`) neither loads nor compiles their code; createServices loads this module unless
 * asked for the core only, and builds them right after the core, as it always did.
 */
import { ArchiveService } from './archive/archiveService.js';
import { DispositionService } from './archive/dispositionService.js';
import type { CaptureService } from './capture/captureService.js';
import type { Clock } from './clock.js';
import type { IncomingService } from './incoming/incomingService.js';
import { InterchangeService } from './interchange/interchangeService.js';
import { HotlineService } from './letters/hotlineService.js';
import { LetterFileService } from './letters/letterFiles.js';
import { LetterService } from './letters/letterService.js';
import { LetterStatsService } from './letters/letterStats.js';
import { OutgoingService } from './outgoing/outgoingService.js';
import { OutgoingSigning } from './outgoing/outgoingSigning.js';
import { TrustService } from './outgoing/trustService.js';
import type { BlobStore, Store } from './store/ports.js';
import { AssignmentService } from './workflow/assignmentService.js';
import { CalendarService } from './workflow/calendarService.js';
import { DirectoryService } from './workflow/directoryService.js';
import { ReportService } from './workflow/reportService.js';
import { TaskService } from './workflow/taskService.js';

export interface MoreServices {
  outgoing: OutgoingService;
  signing: OutgoingSigning;
  trust: TrustService;
  directory: DirectoryService;
  assignments: AssignmentService;
  tasks: TaskService;
  calendar: CalendarService;
  reports: ReportService;
  archive: ArchiveService;
  letters: LetterService;
  letterFiles: LetterFileService;
  hotline: HotlineService;
  letterStats: LetterStatsService;
  interchange: InterchangeService;
  disposition: DispositionService;
}

/** What the other services are built on: the store, the files, the clock, and two core services. */
export interface CoreParts {
  store: Store;
  files: BlobStore;
  clock: Clock;
  capture: CaptureService;
  incoming: IncomingService;
}

export function buildMoreServices(core: CoreParts): MoreServices {
  const { store, files, clock } = core;
  const outgoing = new OutgoingService(store, files, clock);
  const letters = new LetterService(store, clock);
  return {
    outgoing,
    signing: new OutgoingSigning(store, files, clock, outgoing),
    trust: new TrustService(store, clock),
    directory: new DirectoryService(store, clock),
    assignments: new AssignmentService(store, clock),
    tasks: new TaskService(store, clock),
    calendar: new CalendarService(store, clock),
    reports: new ReportService(store, clock),
    archive: new ArchiveService(store, clock),
    letters,
    letterFiles: new LetterFileService(store, files, clock, letters, (file, o) => core.capture.pagesFor(file, o)),
    hotline: new HotlineService(store, clock, letters),
    letterStats: new LetterStatsService(store, clock),
    interchange: new InterchangeService(store, files, clock, core.incoming),
    disposition: new DispositionService(store, files, clock),
  };
}
