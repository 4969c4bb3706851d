// Public surface of the mesh service package.
export { createMeshService, MESH_SERVICE_VERSION, type MeshServiceDeps } from './mesh-service.js';
