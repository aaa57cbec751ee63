/**
 * The export the manager started last, kept while they look at other screens so the Export
 * screen finds its progress (or its file) again when they come back.
 */
import { create } from 'zustand';

export interface ExportJobState {
  jobId: number | null;
  setJobId(jobId: number | null): void;
}

export const useExportJob = create<ExportJobState>()((set) => ({
  jobId: null,
  setJobId: (jobId) => set({ jobId }),
}));
